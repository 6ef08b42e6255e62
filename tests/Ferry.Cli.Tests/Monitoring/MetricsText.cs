using System.Globalization;

namespace Ferry.Cli.Tests.Monitoring;

/// <summary>Reads one sample's value out of a Prometheus text exposition (what a gateway or /metrics served).</summary>
internal static class MetricsText
{
    /// <summary>The value of the one sample of <paramref name="metric"/> carrying every label in <paramref name="labels"/>; null when there is none.</summary>
    public static double? Value(string exposition, string metric, params (string Name, string Value)[] labels)
    {
        var matches = exposition.Split('\n')
            .Where(line => line.StartsWith(metric + "{", StringComparison.Ordinal) && labels.All(l => line.Contains($"{l.Name}=\"{l.Value}\"", StringComparison.Ordinal)))
            .ToList();
        Assert.True(matches.Count <= 1, $"more than one {metric} sample matches: {string.Join(" | ", matches)}");
        return matches.Count == 0 ? null : double.Parse(matches[0][(matches[0].LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using Ferry.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace Ferry.Core.Observability;

/// <summary>
/// The four in-process alerts' thresholds (<c>alerts:</c> in ferry.yaml), the guide's values by default; the same
/// thresholds as deploy/prometheus/ferry-alerts.yml. An alert fires when its condition has held for its duration.
/// <code>
/// alerts:
///   error_rate: 0.05             # MigrationHighErrorRate: quarantined/processed above this…
///   error_rate_for: 5m           # …for this long
///   documents_per_second: 10     # MigrationSlowProgress: below this…
///   documents_per_second_for: 10m
///   memory_usage: 0.9            # MigrationHighMemoryUsage: memory ratio (0–1) above this…
///   memory_usage_for: 5m
///   stalled_for: 10m             # MigrationStalled: no document processed for this long while running
///   enabled: true
/// </code>
/// </summary>
public sealed partial record AlertThresholds
{
    public const string HighErrorRate = "MigrationHighErrorRate";
    public const string SlowProgress = "MigrationSlowProgress";
    public const string HighMemoryUsage = "MigrationHighMemoryUsage";
    public const string Stalled = "MigrationStalled";

    private static readonly string[] Keys =
        ["error_rate", "error_rate_for", "documents_per_second", "documents_per_second_for", "memory_usage", "memory_usage_for", "stalled_for", "enabled"];

    public static readonly AlertThresholds Default = new();

    public bool Enabled { get; init; } = true;

    public double ErrorRate { get; init; } = 0.05;

    public TimeSpan ErrorRateFor { get; init; } = TimeSpan.FromMinutes(5);

    public double DocumentsPerSecond { get; init; } = 10;

    public TimeSpan DocumentsPerSecondFor { get; init; } = TimeSpan.FromMinutes(10);

    public double MemoryUsage { get; init; } = 0.9;

    public TimeSpan MemoryUsageFor { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan StalledFor { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Reads the <c>alerts:</c> mapping of <paramref name="file"/>; unknown keys and bad values name their line.</summary>
    public static AlertThresholds Parse(YamlNode node, string file)
    {
        if (node is not YamlMappingNode map)
        {
            throw YamlBson.Expected(file, node, "a mapping of alert thresholds (error_rate, error_rate_for, documents_per_second, documents_per_second_for, memory_usage, memory_usage_for, stalled_for, enabled)");
        }

        var thresholds = Default;
        foreach (var (key, value) in map.Children)
        {
            var name = YamlBson.Text(key, file, "a key");
            thresholds = name switch
            {
                "error_rate" => thresholds with { ErrorRate = Ratio(value, file, "alerts.error_rate") },
                "error_rate_for" => thresholds with { ErrorRateFor = Duration(value, file, "alerts.error_rate_for") },
                "documents_per_second" => thresholds with { DocumentsPerSecond = Number(value, file, "alerts.documents_per_second") },
                "documents_per_second_for" => thresholds with { DocumentsPerSecondFor = Duration(value, file, "alerts.documents_per_second_for") },
                "memory_usage" => thresholds with { MemoryUsage = Ratio(value, file, "alerts.memory_usage") },
                "memory_usage_for" => thresholds with { MemoryUsageFor = Duration(value, file, "alerts.memory_usage_for") },
                "stalled_for" => thresholds with { StalledFor = Duration(value, file, "alerts.stalled_for") },
                "enabled" => thresholds with { Enabled = YamlBson.Text(value, file, "alerts.enabled: true or false") switch
                {
                    "true" => true,
                    "false" => false,
                    _ => throw YamlBson.Expected(file, value, "alerts.enabled: true or false"),
                } },
                _ => throw YamlFile.Error(file, key, $"unknown key 'alerts.{name}'; expected one of: {string.Join(", ", Keys)}"),
            };
        }

        return thresholds;
    }

    /// <summary>A duration as Prometheus writes them (<c>30s</c>, <c>5m</c>, <c>1h</c>, <c>250ms</c>) or plain seconds.</summary>
    public static TimeSpan Duration(YamlNode node, string file, string what)
    {
        var match = DurationPattern().Match(YamlBson.Text(node, file, $"{what}: a duration such as 30s, 5m or 1h"));
        if (!match.Success)
        {
            throw YamlBson.Expected(file, node, $"{what}: a duration such as 30s, 5m or 1h");
        }

        var amount = double.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
        return match.Groups["unit"].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(amount),
            "m" => TimeSpan.FromMinutes(amount),
            "h" => TimeSpan.FromHours(amount),
            _ => TimeSpan.FromSeconds(amount),
        };
    }

    private static double Number(YamlNode node, string file, string what)
    {
        var text = YamlBson.Text(node, file, $"{what}: a number, 0 or more");
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0 && double.IsFinite(n)
            ? n
            : throw YamlBson.Expected(file, node, $"{what}: a number, 0 or more (got '{text}')");
    }

    private static double Ratio(YamlNode node, string file, string what)
    {
        var n = Number(node, file, what);
        return n <= 1 ? n : throw YamlBson.Expected(file, node, $"{what}: a ratio from 0 to 1 (0.05 is 5%), got {n.ToString(CultureInfo.InvariantCulture)}");
    }

    [GeneratedRegex(@"^\s*(?<n>\d+(\.\d+)?)\s*(?<unit>ms|s|m|h)?\s*$")]
    private static partial Regex DurationPattern();
}

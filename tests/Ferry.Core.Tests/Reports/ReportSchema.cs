using System.Text.Json;
using Ferry.Core.Tests.Support;
using Json.Schema;

namespace Ferry.Core.Tests.Reports;

/// <summary>docs/report.schema.json, loaded once, and an assertion that a report's JSON text satisfies it.</summary>
internal static class ReportSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(File.ReadAllText(SeededDemo.RepositoryFile("docs", "report.schema.json"))));

    public static void AssertValid(string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var problems = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}")).ToList();
        Assert.True(result.IsValid, "the report does not satisfy docs/report.schema.json:\n" + string.Join('\n', problems));
    }
}

using System.Globalization;
using YamlDotNet.Serialization;

namespace Ferry.Core.Assessment;

/// <summary>
/// A plan as a runnable <c>ferry run</c> file: top-level <c>store</c> (uri, db), <c>thresholds</c>, <c>hooks</c> and
/// <c>steps</c>, each <c>{ name, &lt;verb&gt;: { options } }</c>, in the order backup → health → transform/migrate →
/// validate → smoke → report. A URI with credentials is left out (the run takes it from FERRY_URI or ferry.yaml),
/// so the file never holds a secret.
/// </summary>
public static class PlanFile
{
    public static string ToYaml(MigrationPlan plan, string? uri)
    {
        var store = new Dictionary<string, object>(StringComparer.Ordinal) { ["db"] = plan.Database };
        if (uri is not null && Storage.UriRedactor.Redact(uri) == uri)
        {
            store["uri"] = uri;
        }

        var steps = plan.Steps.Select(step => new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["name"] = step.Name,
            [step.Verb] = step.Options.Where(e => !e.Value.IsBsonNull).ToDictionary(e => e.Name, e => Plain(e.Value), StringComparer.Ordinal),
        }).ToList();
        var document = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["store"] = store,
            ["thresholds"] = new Dictionary<string, object>(StringComparer.Ordinal),
            ["hooks"] = new Dictionary<string, object>(StringComparer.Ordinal),
            ["steps"] = steps,
        };
        var header = string.Create(CultureInfo.InvariantCulture,
            $"# ferry plan --type {plan.Type} for '{plan.Database}': estimated {plan.TotalSeconds:0} s ({plan.Confidence} confidence, ±{plan.Uncertainty:P0}); window {plan.Window.TotalMinutes:0} min; application stop: {plan.ApplicationStop}\n");
        return header + new SerializerBuilder().WithQuotingNecessaryStrings().Build().Serialize(document);
    }

    private static object Plain(MongoDB.Bson.BsonValue value) => value.BsonType switch
    {
        MongoDB.Bson.BsonType.Boolean => value.AsBoolean,
        MongoDB.Bson.BsonType.Int32 or MongoDB.Bson.BsonType.Int64 => value.ToInt64(),
        MongoDB.Bson.BsonType.Double => value.AsDouble,
        _ => value.ToString()!,
    };
}

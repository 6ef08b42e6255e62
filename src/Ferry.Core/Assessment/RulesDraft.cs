using System.Globalization;
using System.Text;
using YamlDotNet.Serialization;

namespace Ferry.Core.Assessment;

/// <summary>
/// A validation rules draft (the format <c>ferry validate</c> reads, docs/validation.md) from an analysis: per field
/// (top level and inside subdocuments; not inside arrays, which rules address by index) <c>required</c> when every
/// sampled document has it, the types seen, an <c>enum</c> for a string field with few values; and the inferred
/// references whose sampled values all matched. References with orphans are listed as comments, since a rule
/// the data already breaks is a finding for <c>ferry doctor</c>, not a draft to enable blindly.
/// </summary>
public static class RulesDraft
{
    /// <summary>A string field becomes an enum with at most this many distinct values…</summary>
    public const int MaxEnumValues = 10;

    /// <summary>…seen in at least this many documents (a handful of documents says nothing about an enum).</summary>
    public const int MinEnumDocuments = 20;

    public static string ToYaml(DatabaseAnalysis analysis)
    {
        var collections = new Dictionary<string, object>(StringComparer.Ordinal);
        var comments = new StringBuilder();
        foreach (var collection in analysis.Collections)
        {
            var fields = new Dictionary<string, object>(StringComparer.Ordinal);
            foreach (var field in collection.Fields.Where(f => !f.Path.Contains("[]", StringComparison.Ordinal)))
            {
                var checks = new Dictionary<string, object>(StringComparer.Ordinal);
                if (field.Always)
                {
                    checks["required"] = true;
                }

                checks["type"] = field.Types.Select(t => t.Type).ToList();
                if (field.Values is { Count: > 0 and <= MaxEnumValues } values && field.Types.All(t => t.Type == "string")
                    && field.Documents >= MinEnumDocuments && values.Count * 2 <= field.Documents)
                {
                    checks["enum"] = values.ToList();
                }

                fields[field.Path] = checks;
            }

            var entry = new Dictionary<string, object>(StringComparer.Ordinal) { ["fields"] = fields };
            var references = analysis.References.Where(r => r.Collection == collection.Name).ToList();
            var exact = references.Where(r => r.Matched == r.Checked).Select(r => new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["field"] = r.RuleField,
                ["to"] = r.Target + "._id",
            }).ToList();
            if (exact.Count > 0)
            {
                entry["references"] = exact;
            }

            foreach (var partial in references.Where(r => r.Matched != r.Checked))
            {
                comments.Append(CultureInfo.InvariantCulture, $"#   {collection.Name}: - {{ field: {partial.RuleField}, to: {partial.Target}._id }}   # {partial.Matched} of {partial.Checked} sampled values match ({partial.Ratio:P1})\n");
            }

            collections[collection.Name] = entry;
        }

        var header = new StringBuilder();
        header.Append(CultureInfo.InvariantCulture, $"# Validation rules draft for '{analysis.Database}', inferred by ferry analyze from a sample of {analysis.Sample} document(s) per collection.\n");
        header.Append("# Review before use: a field seen in every sampled document is marked required, types are the ones seen.\n");
        if (comments.Length > 0)
        {
            header.Append("# References with orphans (not enabled; repair with ferry doctor integrity --fix, then add them under references:):\n").Append(comments);
        }

        var serializer = new SerializerBuilder().WithQuotingNecessaryStrings().Build();
        return header + serializer.Serialize(new Dictionary<string, object>(StringComparer.Ordinal) { ["version"] = 1, ["collections"] = collections });
    }
}

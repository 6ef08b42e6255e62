using Ferry.Core.Storage;
using Ferry.Core.Validation;
using Ferry.Core.Validation.Rules;
using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Core.Doctor;

/// <summary>A duplicate and the document it merges into.</summary>
public sealed record DuplicateMerge(BsonValue Duplicate, BsonValue Kept);

/// <summary>
/// Finds groups of documents sharing a unique key in two streaming passes: the first remembers fingerprints of keys
/// seen and which repeat; the second gathers only the members of repeating groups. The oldest member of a group
/// (created_at, then _id) is kept.
/// </summary>
public static class DuplicateFinder
{
    public static async Task<IReadOnlyList<DuplicateMerge>> FindAsync(IDocumentCollection collection, UniqueRule rule, CancellationToken cancellationToken = default)
    {
        var projection = new BsonDocument(rule.Fields.Select(f => new BsonElement(f, 1))) { { "created_at", 1 } };
        var seen = new HashSet<UInt128>();
        var repeated = new HashSet<UInt128>();
        await foreach (var raw in collection.ScanAsync(new ScanOptions { Projection = projection }, cancellationToken).ConfigureAwait(false))
        {
            using (raw)
            {
                if (KeyOf(raw, rule) is { } key && !seen.Add(key))
                {
                    repeated.Add(key);
                }
            }
        }

        if (repeated.Count == 0)
        {
            return [];
        }

        var groups = new Dictionary<UInt128, List<(BsonValue Id, BsonValue Created)>>();
        await foreach (var raw in collection.ScanAsync(new ScanOptions { Projection = projection }, cancellationToken).ConfigureAwait(false))
        {
            using (raw)
            {
                if (KeyOf(raw, rule) is { } key && repeated.Contains(key))
                {
                    if (!groups.TryGetValue(key, out var members))
                    {
                        groups[key] = members = [];
                    }

                    members.Add((raw["_id"], raw.GetValue("created_at", BsonMaxKey.Value)));
                }
            }
        }

        var merges = new List<DuplicateMerge>();
        foreach (var members in groups.Values)
        {
            var ordered = members.OrderBy(m => m.Created, BsonValueComparer.Instance).ThenBy(m => m.Id, BsonValueComparer.Instance).ToList();
            merges.AddRange(ordered.Skip(1).Select(m => new DuplicateMerge(m.Id, ordered[0].Id)));
        }

        return merges.OrderBy(m => m.Duplicate, BsonValueComparer.Instance).ToList();
    }

    private static UInt128? KeyOf(BsonDocument doc, UniqueRule rule)
    {
        var values = rule.Fields.Select(f => Paths.Get(doc, f)).ToList();
        return values.All(v => v is null) ? null : KeyFingerprint.Of(values, rule.IgnoreCase);
    }
}

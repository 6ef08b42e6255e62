using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Core.Assessment;

/// <summary>
/// Finds fields whose sampled values are another collection's <c>_id</c>s, without being told: each id-like field
/// (ObjectId, short string, integer, binary) is tested against every collection whose sampled <c>_id</c>s have the
/// same type, with <c>_id: {$in: …}</c> lookups over the distinct values (bounded by the reference sample size).
/// The best target above the minimum ratio wins.
/// </summary>
internal sealed class ReferenceFinder(IDocumentDatabase database, AnalyzeOptions options)
{
    private const int LookupBatch = 500;

    public async Task<List<InferredReference>> FindAsync(IReadOnlyDictionary<string, SchemaProfiler> profiles, CancellationToken cancellationToken)
    {
        var idTypes = profiles.ToDictionary(p => p.Key, p => p.Value.Fields.FirstOrDefault(f => f.Path == "_id")?.TypeDocuments.Keys.ToHashSet() ?? []);
        var found = new List<InferredReference>();
        foreach (var (collection, profile) in profiles.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            foreach (var field in profile.Fields.Where(f => f.Path != "_id" && f.ReferenceValues.Count > 0).OrderBy(f => f.Path, StringComparer.Ordinal))
            {
                var valueType = field.ReferenceValues.GroupBy(v => v.BsonType).MaxBy(g => g.Count())!.Key;
                InferredReference? best = null;
                foreach (var (target, types) in idTypes.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!types.Contains(valueType))
                    {
                        continue;
                    }

                    var matched = await CountMatchesAsync(database.GetCollection(target), field.ReferenceValues, cancellationToken).ConfigureAwait(false);
                    var candidate = new InferredReference(collection, field.Path, target, field.ReferenceValues.Count, matched);
                    if (candidate.Ratio >= options.MinReferenceRatio && (best is null || candidate.Ratio > best.Ratio))
                    {
                        best = candidate;
                    }
                }

                if (best is not null)
                {
                    found.Add(best);
                }
            }
        }

        return found;
    }

    /// <summary>How many of <paramref name="values"/> (occurrences, not distinct) are an <c>_id</c> of <paramref name="target"/>.</summary>
    private static async Task<long> CountMatchesAsync(IDocumentCollection target, IReadOnlyList<BsonValue> values, CancellationToken cancellationToken)
    {
        var distinct = values.Distinct().ToList();
        var existing = new HashSet<BsonValue>();
        foreach (var chunk in distinct.Chunk(LookupBatch))
        {
            var filter = new BsonDocument("_id", new BsonDocument("$in", new BsonArray(chunk)));
            await foreach (var hit in target.FindAsync(filter, new FindOptions { Projection = new BsonDocument("_id", 1) }, cancellationToken).ConfigureAwait(false))
            {
                existing.Add(hit["_id"]);
            }
        }

        return values.LongCount(existing.Contains);
    }
}

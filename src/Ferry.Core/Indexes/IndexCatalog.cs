using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Core.Indexes;

/// <summary>
/// <c>ferry indexes list|usage|unused</c>: every index of the chosen collections with its size (collStats) and usage
/// counter ($indexStats on MongoDB; the embedded store's persisted counters). One collection's indexes are held at a
/// time; documents are never read.
/// </summary>
public sealed class IndexCatalog(IDocumentDatabase database)
{
    /// <summary>The collections to look at: <paramref name="only"/> when given, else every collection but Ferry's own (<c>_ferry_*</c>).</summary>
    public async Task<IReadOnlyList<string>> CollectionsAsync(IReadOnlyList<string>? only, CancellationToken cancellationToken = default)
    {
        if (only is { Count: > 0 })
        {
            return only;
        }

        var all = await database.ListCollectionsAsync(cancellationToken).ConfigureAwait(false);
        return all.Where(c => c.Type == "collection" && !c.Name.StartsWith("_ferry_", StringComparison.Ordinal) && !c.Name.StartsWith("system.", StringComparison.Ordinal))
            .Select(c => c.Name).ToList();
    }

    public async Task<IReadOnlyList<IndexEntry>> ListAsync(IReadOnlyList<string>? collections = null, CancellationToken cancellationToken = default)
    {
        var entries = new List<IndexEntry>();
        foreach (var name in await CollectionsAsync(collections, cancellationToken).ConfigureAwait(false))
        {
            var collection = database.GetCollection(name);
            var specs = await collection.ListIndexesAsync(cancellationToken).ConfigureAwait(false);
            var stats = await collection.GetStatsAsync(cancellationToken).ConfigureAwait(false);
            var usage = (await collection.GetIndexUsageAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(u => u.Name, StringComparer.Ordinal);
            foreach (var spec in specs)
            {
                var indexName = spec.GetValue("name", "").AsString;
                var used = usage.GetValueOrDefault(indexName);
                entries.Add(new IndexEntry(name, spec, stats.IndexSizes.GetValueOrDefault(indexName), used?.Operations, used?.Since));
            }
        }

        return entries;
    }

    /// <summary>
    /// Indexes with no recorded access, excluding <c>_id_</c> and unique indexes (they enforce something even when no
    /// query uses them). With <paramref name="since"/>, an index counts as unused only when its counter has been
    /// running since that date or earlier; counters started later cannot say, and those indexes are left out.
    /// </summary>
    public async Task<IReadOnlyList<IndexEntry>> UnusedAsync(DateTime? since, IReadOnlyList<string>? collections = null, CancellationToken cancellationToken = default) =>
        (await ListAsync(collections, cancellationToken).ConfigureAwait(false))
            .Where(e => !e.IsIdIndex && !e.IsUnique && e.Operations == 0)
            .Where(e => since is null || (e.Since is { } started && started.ToUniversalTime() <= since.Value.ToUniversalTime()))
            .ToList();

    public static BsonDocument ToBson(string verb, IEnumerable<IndexEntry> entries) =>
        new() { { "verb", verb }, { "indexes", new BsonArray(entries.Select(e => e.ToBson())) } };
}

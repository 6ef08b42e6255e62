using System.Runtime.CompilerServices;
using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Serve.Commands;

/// <summary>The <c>$collStats</c> and <c>$indexStats</c> stages, answered from the store's collection stats and index usage
/// in MongoDB's output shapes (one "shard": this server).</summary>
internal static class StatsStages
{
    public static async IAsyncEnumerable<BsonDocument> CollStatsAsync(IDocumentCollection collection, BsonDocument spec, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var stats = await collection.GetStatsAsync(cancellationToken).ConfigureAwait(false);
        var output = new BsonDocument
        {
            { "ns", stats.Namespace },
            { "host", Environment.MachineName },
            { "localTime", DateTime.UtcNow },
        };
        if (spec.Contains("storageStats"))
        {
            output["storageStats"] = new BsonDocument
            {
                { "size", stats.DataSize },
                { "count", stats.Count },
                { "avgObjSize", stats.AverageObjectSize },
                { "storageSize", stats.StorageSize },
                { "nindexes", stats.IndexCount },
                { "totalIndexSize", stats.TotalIndexSize },
                { "totalSize", stats.StorageSize + stats.TotalIndexSize },
                { "indexSizes", new BsonDocument(stats.IndexSizes.Select(kv => new BsonElement(kv.Key, kv.Value))) },
            };
        }

        if (spec.Contains("count"))
        {
            output["count"] = stats.Count;
        }

        yield return output;
    }

    public static async IAsyncEnumerable<BsonDocument> IndexStatsAsync(IDocumentCollection collection, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var specs = (await collection.ListIndexesAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(s => s["name"].AsString, StringComparer.Ordinal);
        foreach (var usage in await collection.GetIndexUsageAsync(cancellationToken).ConfigureAwait(false))
        {
            var spec = specs.GetValueOrDefault(usage.Name);
            yield return new BsonDocument
            {
                { "name", usage.Name },
                { "key", (BsonValue?)spec?.GetValue("key", null) ?? new BsonDocument() },
                { "host", Environment.MachineName },
                { "accesses", new BsonDocument { { "ops", usage.Operations }, { "since", usage.Since is { } since ? new BsonDateTime(since) : BsonNull.Value } } },
                { "spec", (BsonValue?)spec ?? BsonNull.Value },
            };
        }
    }
}

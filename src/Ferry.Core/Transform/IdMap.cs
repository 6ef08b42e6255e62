using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Core.Transform;

/// <summary>
/// <c>_ferry_idmap</c> in the target database: source id → target id per target collection, written before the
/// documents it maps (so a crash never leaves a document whose mapping is lost), read in batches by later
/// collections' <c>map_id</c>. Keys are <c>{ c: collection, s: sourceId }</c>, so writes are idempotent upserts.
/// </summary>
public sealed class IdMap(IDocumentDatabase target)
{
    public const string CollectionName = "_ferry_idmap";

    private IDocumentCollection Collection => target.GetCollection(CollectionName);

    public static BsonDocument Key(string collection, BsonValue sourceId) => new() { { "c", collection }, { "s", sourceId } };

    public Task RecordAsync(string collection, IReadOnlyList<(BsonValue Source, BsonValue Target)> pairs, string runId, CancellationToken cancellationToken = default)
    {
        if (pairs.Count == 0)
        {
            return Task.CompletedTask;
        }

        var entries = pairs.Select(p => new BsonDocument { { "_id", Key(collection, p.Source) }, { "t", p.Target }, { "run", runId } }).ToList();
        return Collection.InsertOrReplaceAsync(entries, cancellationToken);
    }

    /// <summary>Target ids for the given source ids of one collection; ids without a mapping are absent from the result.</summary>
    public async Task<Dictionary<BsonValue, BsonValue>> LookupAsync(string collection, IEnumerable<BsonValue> sourceIds, CancellationToken cancellationToken = default)
    {
        var keys = new BsonArray(sourceIds.Distinct().Select(id => Key(collection, id)));
        var result = new Dictionary<BsonValue, BsonValue>(Query.Common.BsonValueComparer.Instance!);
        if (keys.Count == 0)
        {
            return result;
        }

        await foreach (var entry in Collection.FindAsync(new BsonDocument("_id", new BsonDocument("$in", keys)), null, cancellationToken).ConfigureAwait(false))
        {
            result[entry["_id"]["s"]] = entry["t"];
        }

        return result;
    }
}

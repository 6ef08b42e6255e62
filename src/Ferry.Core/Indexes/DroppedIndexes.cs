using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Core.Indexes;

/// <summary>
/// <c>_ferry_dropped_indexes</c>: the definition of every index <c>ferry indexes drop</c> removed, written before the
/// drop, so <c>ferry indexes apply --recreate NAME</c> can build it again.
/// </summary>
public sealed class DroppedIndexes(IDocumentDatabase database, TimeProvider? time = null)
{
    public const string CollectionName = "_ferry_dropped_indexes";

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    private IDocumentCollection Collection => database.GetCollection(CollectionName);

    public Task RecordAsync(string collection, BsonDocument spec, CancellationToken cancellationToken = default) =>
        Collection.BulkWriteAsync(
            [new InsertRequest(new BsonDocument
            {
                { "_id", ObjectId.GenerateNewId() },
                { "collection", collection },
                { "name", spec["name"] },
                { "spec", Clean(spec) },
                { "dropped_at", _time.GetUtcNow().UtcDateTime },
            })],
            cancellationToken: cancellationToken);

    /// <summary>The most recently dropped definitions named <paramref name="name"/>, newest first, one per collection
    /// (only <paramref name="collection"/> when given).</summary>
    public async Task<IReadOnlyList<IndexDeclaration>> FindAsync(string name, string? collection, CancellationToken cancellationToken = default)
    {
        var filter = new BsonDocument("name", name);
        if (collection is not null)
        {
            filter["collection"] = collection;
        }

        var found = new List<IndexDeclaration>();
        await foreach (var record in Collection.FindAsync(filter, new FindOptions { Sort = new BsonDocument { { "dropped_at", -1 }, { "_id", -1 } } }, cancellationToken).ConfigureAwait(false))
        {
            var on = record["collection"].AsString;
            if (found.All(f => f.Collection != on))
            {
                found.Add(new IndexDeclaration(on, record["spec"].AsBsonDocument));
            }
        }

        return found;
    }

    /// <summary>The spec as createIndexes takes it (without the server's <c>v</c> and <c>ns</c>).</summary>
    private static BsonDocument Clean(BsonDocument spec) => new(spec.Where(e => e.Name is not ("v" or "ns")));
}

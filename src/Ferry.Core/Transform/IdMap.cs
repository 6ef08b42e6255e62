using System.Runtime.CompilerServices;
using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Core.Transform;

/// <summary>
/// <c>_ferry_idmap</c> in the target database: source id → target id per target collection, written before the
/// documents it maps (so a crash never leaves a document whose mapping is lost), read by later
/// collections' <c>map_id</c> (see <see cref="ReferenceResolver"/>). Keys are <c>{ c: collection, s: sourceId }</c>, so writes are idempotent upserts.
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
        return RecordEntriesAsync(entries, cancellationToken);
    }

    /// <summary>Removes the entries of documents the target refused, so no reference resolves to a document that was never written.</summary>
    public Task ForgetAsync(string collection, IEnumerable<BsonValue> sourceIds, CancellationToken cancellationToken = default)
    {
        var deletes = sourceIds.Select(s => (WriteRequest)new DeleteRequest(new BsonDocument("_id", Key(collection, s)))).ToList();
        return deletes.Count == 0 ? Task.CompletedTask : Collection.BulkWriteAsync(deletes, new BulkWriteOptions { IsOrdered = false }, cancellationToken);
    }

    private async Task RecordEntriesAsync(List<BsonDocument> entries, CancellationToken cancellationToken)
    {
        if ((await Collection.InsertOrReplaceAsync(entries, cancellationToken).ConfigureAwait(false)) is [var (_, reason), ..])
        {
            throw new Errors.OperationFailedException($"{CollectionName}: the id map refused an entry ({reason})");
        }
    }

    /// <summary>The (source id, target id) pairs one run recorded for <paramref name="collection"/>, streamed.</summary>
    public async IAsyncEnumerable<(BsonValue Source, BsonValue Target)> EntriesAsync(string collection, string runId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = new BsonDocument { { "_id.c", collection }, { "run", runId } };
        await foreach (var raw in Collection.ScanAsync(new ScanOptions { Filter = filter }, cancellationToken).ConfigureAwait(false))
        {
            using (raw)
            {
                yield return (raw["_id"]["s"], raw["t"]);
            }
        }
    }
}

using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Core.Migrations.DryRun;

/// <summary>
/// A collection of a <see cref="RecordingDatabase"/>: reads are the real collection's; each write is recorded
/// with how many documents it would touch (a count with its filter) and answered with the result it would
/// plausibly have had, so scripts that inspect results keep going.
/// </summary>
public sealed class RecordingCollection(IDocumentDatabase database, IDocumentCollection inner, WriteLog log) : IDocumentCollection
{
    public string Name => inner.Name;

    public IDocumentDatabase Database => database;

    private string Namespace => database.Name + "." + Name;

    public Task<long> CountAsync(BsonDocument? filter = null, CancellationToken cancellationToken = default) => inner.CountAsync(filter, cancellationToken);

    public Task<long> EstimatedCountAsync(CancellationToken cancellationToken = default) => inner.EstimatedCountAsync(cancellationToken);

    public IAsyncEnumerable<RawBsonDocument> ScanAsync(ScanOptions? options = null, CancellationToken cancellationToken = default) => inner.ScanAsync(options, cancellationToken);

    public IAsyncEnumerable<BsonDocument> FindAsync(BsonDocument? filter, FindOptions? options = null, CancellationToken cancellationToken = default) => inner.FindAsync(filter, options, cancellationToken);

    public Task<BsonDocument?> FindOneAsync(BsonDocument? filter, FindOptions? options = null, CancellationToken cancellationToken = default) => inner.FindOneAsync(filter, options, cancellationToken);

    public Task<IReadOnlyList<IdRange>> SplitAsync(int count, CancellationToken cancellationToken = default) => inner.SplitAsync(count, cancellationToken);

    /// <summary>
    /// Reads run as usual; a pipeline ending in <c>$out</c> or <c>$merge</c> writes, so it is recorded with the number
    /// of documents it would write (the pipeline before that stage, counted) and never sent as it is.
    /// </summary>
    public IAsyncEnumerable<BsonDocument> AggregateAsync(BsonArray pipeline, AggregateOptions? options = null, CancellationToken cancellationToken = default) =>
        pipeline.Count > 0 && pipeline[^1] is BsonDocument { ElementCount: 1 } last && last.GetElement(0).Name is "$out" or "$merge"
            ? RecordPipelineWriteAsync(pipeline, last, options, cancellationToken)
            : inner.AggregateAsync(pipeline, options, cancellationToken);

    private async IAsyncEnumerable<BsonDocument> RecordPipelineWriteAsync(BsonArray pipeline, BsonDocument writeStage, AggregateOptions? options, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var counting = new BsonArray(pipeline.Take(pipeline.Count - 1)) { new BsonDocument("$count", "n") };
        long written = 0;
        await foreach (var result in inner.AggregateAsync(counting, options, cancellationToken).ConfigureAwait(false))
        {
            written = result["n"].ToInt64();
        }

        log.Add(new RecordedWrite(Namespace, writeStage.GetElement(0).Name, null, writeStage, written));
        yield break; // MongoDB answers $out and $merge with an empty cursor
    }

    public Task<IReadOnlyList<BsonValue>> DistinctAsync(string field, BsonDocument? filter = null, CancellationToken cancellationToken = default) => inner.DistinctAsync(field, filter, cancellationToken);

    public Task<IReadOnlyList<BsonDocument>> ListIndexesAsync(CancellationToken cancellationToken = default) => inner.ListIndexesAsync(cancellationToken);

    public Task<IReadOnlyList<IndexUsage>> GetIndexUsageAsync(CancellationToken cancellationToken = default) => inner.GetIndexUsageAsync(cancellationToken);

    public Task<CollectionStats> GetStatsAsync(CancellationToken cancellationToken = default) => inner.GetStatsAsync(cancellationToken);

    public async Task<BulkWriteResult> BulkWriteAsync(IReadOnlyList<WriteRequest> requests, BulkWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        long inserted = 0, matched = 0, deleted = 0;
        var insertedIds = new Dictionary<int, BsonValue>();
        var upserts = new List<BulkWriteUpsert>();
        for (var i = 0; i < requests.Count; i++)
        {
            switch (requests[i])
            {
                case InsertRequest insert:
                    var id = insert.Document.GetValue("_id", BsonNull.Value) is { IsBsonNull: false } existing ? existing : ObjectId.GenerateNewId();
                    insertedIds[i] = id;
                    inserted++;
                    log.Add(new RecordedWrite(Namespace, "insert", null, insert.Document, 1));
                    break;
                case UpdateRequest update:
                    var updated = await TouchedAsync(update.Filter, update.IsMulti, cancellationToken).ConfigureAwait(false);
                    matched += updated;
                    RecordUpsert(i, updated, update.IsUpsert, upserts);
                    log.Add(new RecordedWrite(Namespace, update.IsMulti ? "updateMany" : "updateOne", update.Filter, update.Update, updated == 0 && update.IsUpsert ? 1 : updated));
                    break;
                case ReplaceRequest replace:
                    var replaced = await TouchedAsync(replace.Filter, false, cancellationToken).ConfigureAwait(false);
                    matched += replaced;
                    RecordUpsert(i, replaced, replace.IsUpsert, upserts);
                    log.Add(new RecordedWrite(Namespace, "replaceOne", replace.Filter, replace.Replacement, replaced == 0 && replace.IsUpsert ? 1 : replaced));
                    break;
                case DeleteRequest delete:
                    var removed = await TouchedAsync(delete.Filter, delete.IsMulti, cancellationToken).ConfigureAwait(false);
                    deleted += removed;
                    log.Add(new RecordedWrite(Namespace, delete.IsMulti ? "deleteMany" : "deleteOne", delete.Filter, null, removed));
                    break;
            }
        }

        return new BulkWriteResult { InsertedCount = inserted, MatchedCount = matched, ModifiedCount = matched, DeletedCount = deleted, InsertedIds = insertedIds, Upserts = upserts };
    }

    public async Task<BsonDocument?> FindOneAndUpdateAsync(BsonDocument filter, BsonValue update, FindOneAndModifyOptions? options = null, CancellationToken cancellationToken = default)
    {
        var before = await inner.FindOneAsync(filter, new FindOptions { Sort = options?.Sort, Projection = options?.Projection }, cancellationToken).ConfigureAwait(false);
        log.Add(new RecordedWrite(Namespace, "findOneAndUpdate", filter, update, before is null ? (options?.IsUpsert == true ? 1 : 0) : 1));
        return before;
    }

    public async Task<BsonDocument?> FindOneAndReplaceAsync(BsonDocument filter, BsonDocument replacement, FindOneAndModifyOptions? options = null, CancellationToken cancellationToken = default)
    {
        var before = await inner.FindOneAsync(filter, new FindOptions { Sort = options?.Sort, Projection = options?.Projection }, cancellationToken).ConfigureAwait(false);
        log.Add(new RecordedWrite(Namespace, "findOneAndReplace", filter, replacement, before is null ? (options?.IsUpsert == true ? 1 : 0) : 1));
        return before;
    }

    public async Task<BsonDocument?> FindOneAndDeleteAsync(BsonDocument filter, FindOneAndModifyOptions? options = null, CancellationToken cancellationToken = default)
    {
        var before = await inner.FindOneAsync(filter, new FindOptions { Sort = options?.Sort, Projection = options?.Projection }, cancellationToken).ConfigureAwait(false);
        log.Add(new RecordedWrite(Namespace, "findOneAndDelete", filter, null, before is null ? 0 : 1));
        return before;
    }

    public Task<IReadOnlyList<string>> CreateIndexesAsync(IReadOnlyList<BsonDocument> specs, CancellationToken cancellationToken = default)
    {
        var names = new List<string>();
        foreach (var spec in specs)
        {
            var name = spec.GetValue("name", BsonNull.Value) is BsonString s
                ? s.Value
                : string.Join("_", spec["key"].AsBsonDocument.Select(e => e.Name + "_" + e.Value));
            names.Add(name);
            log.Add(new RecordedWrite(Namespace, "createIndex", null, spec, 0));
        }

        return Task.FromResult<IReadOnlyList<string>>(names);
    }

    public Task DropIndexAsync(string name, CancellationToken cancellationToken = default)
    {
        log.Add(new RecordedWrite(Namespace, "dropIndex", null, new BsonString(name), 0));
        return Task.CompletedTask;
    }

    private async Task<long> TouchedAsync(BsonDocument filter, bool multi, CancellationToken cancellationToken)
    {
        var count = await inner.CountAsync(filter, cancellationToken).ConfigureAwait(false);
        return multi ? count : Math.Min(1, count);
    }

    private static void RecordUpsert(int index, long matched, bool upsert, List<BulkWriteUpsert> upserts)
    {
        if (matched == 0 && upsert)
        {
            upserts.Add(new BulkWriteUpsert(index, ObjectId.GenerateNewId()));
        }
    }
}

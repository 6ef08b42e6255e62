using MongoDB.Bson;
using MongoDB.Driver;
using BulkWriteResult = Ferry.Core.Storage.BulkWriteResult;

namespace Ferry.Store.Mongo;

/// <summary>Adds up the driver's per-batch results into one contract result, with request indexes
/// relative to the caller's whole list and the inserted <c>_id</c>s of the inserts that succeeded.</summary>
internal sealed class ResultAccumulator
{
    private readonly List<Ferry.Core.Storage.BulkWriteUpsert> _upserts = [];
    private readonly Dictionary<int, BsonValue> _insertedIds = [];
    private long _inserted;
    private long _matched;
    private long _modified;
    private long _deleted;

    /// <summary><c>_id</c>s of insert requests by index, known before they are sent.</summary>
    public Dictionary<int, BsonValue> PendingInsertIds { get; } = [];

    /// <param name="result">The driver's result for the batch (partial when it failed).</param>
    /// <param name="start">Index of the batch's first request in the caller's list.</param>
    /// <param name="count">Requests in the batch.</param>
    /// <param name="failedIndexes">Batch-relative indexes that failed, if any.</param>
    /// <param name="stopIndex">For an ordered batch that failed: the first failed index; later requests did not run.</param>
    public void Add(BulkWriteResult<BsonDocument>? result, int start, int count, ISet<int>? failedIndexes, int? stopIndex)
    {
        if (result is { IsAcknowledged: true })
        {
            _inserted += result.InsertedCount;
            _matched += result.MatchedCount;
            _modified += result.IsModifiedCountAvailable ? result.ModifiedCount : 0;
            _deleted += result.DeletedCount;
            _upserts.AddRange(result.Upserts.Select(u => new Ferry.Core.Storage.BulkWriteUpsert(start + u.Index, u.Id)));
        }

        for (var i = 0; i < count; i++)
        {
            var index = start + i;
            if (stopIndex is { } stop && i >= stop)
            {
                break;
            }

            if (failedIndexes?.Contains(i) == true)
            {
                continue;
            }

            if (PendingInsertIds.TryGetValue(index, out var id))
            {
                _insertedIds[index] = id;
            }
        }
    }

    public BulkWriteResult ToResult() => new()
    {
        InsertedCount = _inserted,
        MatchedCount = _matched,
        ModifiedCount = _modified,
        DeletedCount = _deleted,
        Upserts = _upserts.OrderBy(u => u.Index).ToList(),
        InsertedIds = _insertedIds,
    };
}

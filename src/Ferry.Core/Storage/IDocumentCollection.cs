using MongoDB.Bson;

namespace Ferry.Core.Storage;

/// <summary>
/// One collection. Reads stream (never a whole collection in memory); writes go in bulk.
/// </summary>
public interface IDocumentCollection
{
    string Name { get; }

    IDocumentDatabase Database { get; }

    /// <summary>Counts documents matching <paramref name="filter"/> (all when null), like countDocuments.</summary>
    Task<long> CountAsync(BsonDocument? filter = null, CancellationToken cancellationToken = default);

    /// <summary>A cheap count from metadata (estimatedDocumentCount).</summary>
    Task<long> EstimatedCountAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Streams documents as their raw BSON (byte-for-byte as stored), in <c>_id</c> order unless
    /// <see cref="ScanOptions.Sort"/> says otherwise, filtered, projected, from a partition, resuming after an <c>_id</c>.
    /// </summary>
    IAsyncEnumerable<RawBsonDocument> ScanAsync(ScanOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>General find: filter, sort on any fields, projection, skip, limit (mongosh's find()).</summary>
    IAsyncEnumerable<BsonDocument> FindAsync(BsonDocument? filter, FindOptions? options = null, CancellationToken cancellationToken = default);

    Task<BsonDocument?> FindOneAsync(BsonDocument? filter, FindOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Splits the collection into at most <paramref name="count"/> <c>_id</c> ranges that together cover
    /// every document exactly once, for parallel readers (pass each to <see cref="ScanOptions.Partition"/>).</summary>
    Task<IReadOnlyList<IdRange>> SplitAsync(int count, CancellationToken cancellationToken = default);

    /// <summary>Bulk write. Unordered by default. On write errors throws <see cref="BulkWriteFailedException"/>
    /// carrying the partial result and each failed operation's index, code and message.</summary>
    Task<BulkWriteResult> BulkWriteAsync(IReadOnlyList<WriteRequest> requests, BulkWriteOptions? options = null, CancellationToken cancellationToken = default);

    Task<BsonDocument?> FindOneAndUpdateAsync(BsonDocument filter, BsonValue update, FindOneAndModifyOptions? options = null, CancellationToken cancellationToken = default);

    Task<BsonDocument?> FindOneAndReplaceAsync(BsonDocument filter, BsonDocument replacement, FindOneAndModifyOptions? options = null, CancellationToken cancellationToken = default);

    Task<BsonDocument?> FindOneAndDeleteAsync(BsonDocument filter, FindOneAndModifyOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Runs an aggregation pipeline. The embedded store supports the stages listed in the README;
    /// the MongoDB store passes any pipeline to the server.</summary>
    IAsyncEnumerable<BsonDocument> AggregateAsync(BsonArray pipeline, AggregateOptions? options = null, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<BsonValue>> DistinctAsync(string field, BsonDocument? filter = null, CancellationToken cancellationToken = default);

    /// <summary>Index specifications as MongoDB lists them: <c>{ v, key, name, unique?, partialFilterExpression?, … }</c>, <c>_id_</c> first.</summary>
    Task<IReadOnlyList<BsonDocument>> ListIndexesAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates indexes from createIndexes-style specs (<c>{ key: {a: 1}, name: "a_1", unique: true }</c>);
    /// returns their names. A spec without a name gets MongoDB's generated name (<c>a_1_b_-1</c>).</summary>
    Task<IReadOnlyList<string>> CreateIndexesAsync(IReadOnlyList<BsonDocument> specs, CancellationToken cancellationToken = default);

    Task DropIndexAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Per-index usage since the store started tracking ($indexStats on MongoDB).</summary>
    Task<IReadOnlyList<IndexUsage>> GetIndexUsageAsync(CancellationToken cancellationToken = default);

    Task<CollectionStats> GetStatsAsync(CancellationToken cancellationToken = default);
}

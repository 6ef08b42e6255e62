using Ferry.Core.Storage;
using Ferry.Query.Common;
using Ferry.Query.Filters;
using MongoDB.Bson;

namespace Ferry.Core.Tests.Transfer;

/// <summary>
/// A small in-memory document store for testing features that only insert, replace, delete by <c>_id</c> and scan
/// (export, import, the demo workflow) without depending on a store implementation. Unique <c>_id</c>s are
/// enforced with MongoDB's duplicate-key error; anything else the contract offers throws NotSupportedException.
/// </summary>
internal sealed class InMemoryStore : IDocumentStore
{
    private readonly Dictionary<string, InMemoryDatabase> _databases = [];

    public string DisplayUri => "memory:";

    public StoreCapabilities Capabilities { get; } = new();

    public Task<IReadOnlyList<string>> ListDatabaseNamesAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string>>(_databases.Where(d => d.Value.Collections.Count > 0).Select(d => d.Key).Order().ToList());

    public IDocumentDatabase GetDatabase(string name) =>
        _databases.TryGetValue(name, out var db) ? db : _databases[name] = new InMemoryDatabase(this, name);

    public Task DropDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        // Handles stay valid after a drop (as on real stores): empty the database rather than forget it.
        if (_databases.TryGetValue(name, out var db))
        {
            db.Collections.Clear();
        }

        return Task.CompletedTask;
    }

    public Task<ServerInfo> GetServerInfoAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(new ServerInfo("memory", "0", "standalone"));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

internal sealed class InMemoryDatabase(IDocumentStore store, string name) : IDocumentDatabase
{
    public Dictionary<string, InMemoryCollection> Collections { get; } = [];

    public string Name => name;

    public IDocumentStore Store => store;

    public Task<IReadOnlyList<CollectionInfo>> ListCollectionsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<CollectionInfo>>(Collections.Keys.Order().Select(n => new CollectionInfo(n, "collection", [])).ToList());

    public Task CreateCollectionAsync(string name, BsonDocument? options = null, CancellationToken cancellationToken = default)
    {
        GetCollection(name);
        return Task.CompletedTask;
    }

    public Task DropCollectionAsync(string name, CancellationToken cancellationToken = default)
    {
        Collections.Remove(name);
        return Task.CompletedTask;
    }

    public IDocumentCollection GetCollection(string name) =>
        Collections.TryGetValue(name, out var c) ? c : Collections[name] = new InMemoryCollection(this, name);

    public Task RenameCollectionAsync(string from, string to, bool dropTarget = false, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<DatabaseStats> GetStatsAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<BsonDocument> RunCommandAsync(BsonDocument command, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}

internal sealed class InMemoryCollection(IDocumentDatabase database, string name) : IDocumentCollection
{
    private readonly SortedDictionary<BsonValue, byte[]> _documents = new(BsonValueComparer.Instance);

    public string Name => name;

    public IDocumentDatabase Database => database;

    public Task<long> CountAsync(BsonDocument? filter = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(filter is null ? _documents.Count : (long)All(filter).Count());

    public Task<long> EstimatedCountAsync(CancellationToken cancellationToken = default) => Task.FromResult((long)_documents.Count);

    public async IAsyncEnumerable<RawBsonDocument> ScanAsync(ScanOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        foreach (var document in All(options?.Filter).ToList())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return document;
        }
    }

    public async Task<BulkWriteResult> BulkWriteAsync(IReadOnlyList<WriteRequest> requests, BulkWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        long inserted = 0, matched = 0, deleted = 0;
        var upserts = new List<BulkWriteUpsert>();
        var errors = new List<BulkWriteError>();
        for (var i = 0; i < requests.Count; i++)
        {
            switch (requests[i])
            {
                case InsertRequest insert:
                    var id = insert.Document["_id"];
                    if (!_documents.TryAdd(id, insert.Document.ToBson()))
                    {
                        errors.Add(new BulkWriteError(i, ErrorCodes.DuplicateKey, "DuplicateKey", $"E11000 duplicate key error collection: {Name} index: _id_ dup key: {{ _id: {id} }}"));
                        continue;
                    }

                    inserted++;
                    break;
                case ReplaceRequest replace:
                    var key = replace.Filter["_id"];
                    if (_documents.ContainsKey(key))
                    {
                        matched++;
                    }
                    else
                    {
                        upserts.Add(new BulkWriteUpsert(i, key));
                    }

                    _documents[key] = replace.Replacement.ToBson();
                    break;
                case DeleteRequest delete:
                    deleted += _documents.Remove(delete.Filter["_id"]) ? 1 : 0;
                    break;
                default:
                    throw new NotSupportedException();
            }
        }

        var result = new BulkWriteResult { InsertedCount = inserted, MatchedCount = matched, ModifiedCount = matched, DeletedCount = deleted, Upserts = upserts };
        return errors.Count == 0 ? result : throw new BulkWriteFailedException(result, errors);
    }

    private IEnumerable<RawBsonDocument> All(BsonDocument? filter)
    {
        var matcher = filter is null ? null : FilterMatcher.Compile(filter);
        return _documents.Values.Select(bytes => new RawBsonDocument(bytes)).Where(d => matcher?.Matches(d) ?? true);
    }

    public IAsyncEnumerable<BsonDocument> FindAsync(BsonDocument? filter, FindOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<BsonDocument?> FindOneAsync(BsonDocument? filter, FindOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<IdRange>> SplitAsync(int count, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<BsonDocument?> FindOneAndUpdateAsync(BsonDocument filter, BsonValue update, FindOneAndModifyOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<BsonDocument?> FindOneAndReplaceAsync(BsonDocument filter, BsonDocument replacement, FindOneAndModifyOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<BsonDocument?> FindOneAndDeleteAsync(BsonDocument filter, FindOneAndModifyOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public IAsyncEnumerable<BsonDocument> AggregateAsync(BsonArray pipeline, AggregateOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<BsonValue>> DistinctAsync(string field, BsonDocument? filter = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<BsonDocument>> ListIndexesAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<string>> CreateIndexesAsync(IReadOnlyList<BsonDocument> specs, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task DropIndexAsync(string name, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<IndexUsage>> GetIndexUsageAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<CollectionStats> GetStatsAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
}

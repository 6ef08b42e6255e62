using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Ferry.Core.Storage;
using Ferry.Query.Common;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;

namespace Ferry.Core.Tests.Backup;

/// <summary>
/// A small byte-exact document store for backup tests while the embedded store is built elsewhere: documents are
/// kept as raw BSON in _id order; validators reject writes unless bypassed; a failure can be injected after N writes.
/// Only what backup and restore use is implemented.
/// </summary>
internal sealed class InMemoryStore : IDocumentStore
{
    private readonly ConcurrentDictionary<string, InMemoryDatabase> _databases = new(StringComparer.Ordinal);

    public string DisplayUri { get; init; } = "memory://test";

    /// <summary>Throw after this many more documents are written (simulates a crash half-way); null never.</summary>
    public int? FailAfterWrites { get; set; }

    internal void CountWrite()
    {
        if (FailAfterWrites is { } left)
        {
            if (left <= 0)
            {
                throw new IOException("injected failure: the store went away");
            }

            FailAfterWrites = left - 1;
        }
    }

    public Task<IReadOnlyList<string>> ListDatabaseNamesAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string>>(_databases.Where(d => !d.Value.Collections.IsEmpty).Select(d => d.Key).Order(StringComparer.Ordinal).ToList());

    public IDocumentDatabase GetDatabase(string name) => _databases.GetOrAdd(name, n => new InMemoryDatabase(this, n));

    public Task DropDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        _databases.TryRemove(name, out _);
        return Task.CompletedTask;
    }

    public Task<ServerInfo> GetServerInfoAsync(CancellationToken cancellationToken = default) => Task.FromResult(new ServerInfo("memory", "0.0", "standalone"));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

internal sealed class InMemoryDatabase(InMemoryStore store, string name) : IDocumentDatabase
{
    public ConcurrentDictionary<string, InMemoryCollection> Collections { get; } = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    public IDocumentStore Store { get; } = store;

    internal InMemoryStore Owner { get; } = store;

    public Task<IReadOnlyList<CollectionInfo>> ListCollectionsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<CollectionInfo>>(Collections.Values.OrderBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => new CollectionInfo(c.Name, c.Options.Contains("viewOn") ? "view" : "collection", c.Options) { Uuid = c.Uuid })
            .ToList());

    public Task CreateCollectionAsync(string name, BsonDocument? options = null, CancellationToken cancellationToken = default)
    {
        if (!Collections.TryAdd(name, new InMemoryCollection(this, name, options ?? new BsonDocument())))
        {
            throw ErrorCodes.Create(ErrorCodes.NamespaceExists, $"Collection {Name}.{name} already exists.");
        }

        return Task.CompletedTask;
    }

    public Task DropCollectionAsync(string name, CancellationToken cancellationToken = default)
    {
        Collections.TryRemove(name, out _);
        return Task.CompletedTask;
    }

    public Task RenameCollectionAsync(string from, string to, bool dropTarget = false, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public IDocumentCollection GetCollection(string name) => Collections.TryGetValue(name, out var c) ? c : new InMemoryCollection(this, name, new BsonDocument(), attached: false);

    internal InMemoryCollection Attach(InMemoryCollection collection) => Collections.GetOrAdd(collection.Name, collection);

    public Task<DatabaseStats> GetStatsAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<BsonDocument> RunCommandAsync(BsonDocument command, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}

internal sealed class InMemoryCollection(InMemoryDatabase database, string name, BsonDocument options, bool attached = true) : IDocumentCollection
{
    private readonly SortedDictionary<BsonValue, byte[]> _documents = new(BsonValueComparer.Instance);
    private readonly List<BsonDocument> _indexes = [new BsonDocument { { "v", 2 }, { "key", new BsonDocument("_id", 1) }, { "name", "_id_" } }];
    private bool _attached = attached;

    public string Name { get; } = name;

    public IDocumentDatabase Database { get; } = database;

    public BsonDocument Options { get; } = options;

    public string Uuid { get; } = Guid.NewGuid().ToString("N");

    /// <summary>The stored bytes, in _id order.</summary>
    public IReadOnlyList<byte[]> RawDocuments
    {
        get
        {
            lock (_documents)
            {
                return _documents.Values.ToList();
            }
        }
    }

    private InMemoryCollection Live => _attached ? this : database.Collections.GetValueOrDefault(Name) ?? this;

    public Task<long> CountAsync(BsonDocument? filter = null, CancellationToken cancellationToken = default)
    {
        if (filter is not null && filter.ElementCount > 0)
        {
            throw new NotSupportedException("filters are not needed by backup tests");
        }

        lock (Live._documents)
        {
            return Task.FromResult((long)Live._documents.Count);
        }
    }

    public Task<long> EstimatedCountAsync(CancellationToken cancellationToken = default) => CountAsync(null, cancellationToken);

    public async IAsyncEnumerable<RawBsonDocument> ScanAsync(ScanOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var bytes in Live.RawDocuments)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return new RawBsonDocument((byte[])bytes.Clone());
        }
    }

    public Task<BulkWriteResult> BulkWriteAsync(IReadOnlyList<WriteRequest> requests, BulkWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        var target = _attached ? this : database.Attach(this);
        if (!ReferenceEquals(target, this))
        {
            return target.BulkWriteAsync(requests, options, cancellationToken);
        }

        _attached = true;
        var errors = new List<BulkWriteError>();
        long inserted = 0, matched = 0, upserted = 0, deleted = 0;
        lock (_documents)
        {
            for (var i = 0; i < requests.Count; i++)
            {
                if (Name is not (Ferry.Core.Runs.DatabaseRunLock.CollectionName or Ferry.Core.Runs.RunJournal.CollectionName))
                {
                    // The injected failure counts data writes only, so a budget keeps naming the same document.
                    database.Owner.CountWrite();
                }

                if (Options.Contains("validator") && options?.BypassDocumentValidation != true)
                {
                    errors.Add(new BulkWriteError(i, ErrorCodes.DocumentValidationFailure, "DocumentValidationFailure", "Document failed validation"));
                    continue;
                }

                switch (requests[i])
                {
                    case InsertRequest insert:
                        var bytes = BytesOf(insert.Document);
                        var id = new RawBsonDocument(bytes).GetValue("_id", ObjectId.GenerateNewId());
                        if (!_documents.TryAdd(id, bytes))
                        {
                            errors.Add(new BulkWriteError(i, ErrorCodes.DuplicateKey, "DuplicateKey", $"E11000 duplicate key error dup key: {{ _id: {id} }}"));
                        }
                        else
                        {
                            inserted++;
                        }

                        break;
                    case ReplaceRequest replace:
                        var replaceId = replace.Filter["_id"];
                        if (_documents.ContainsKey(replaceId))
                        {
                            matched++;
                        }
                        else
                        {
                            upserted++;
                        }

                        _documents[replaceId] = BytesOf(replace.Replacement);
                        break;
                    case UpdateRequest update when !update.IsMulti && update.Filter.Contains("_id"):
                        // By _id: what the run journal sends (and a restore merging a journal, as an upsert).
                        var updateId = update.Filter["_id"];
                        var spec = Ferry.Query.Updates.UpdateSpec.Parse(update.Update);
                        if (_documents.TryGetValue(updateId, out var current))
                        {
                            matched++;
                            _documents[updateId] = spec.Apply(BsonSerializer.Deserialize<BsonDocument>(current)).Document.ToBson();
                        }
                        else if (update.IsUpsert)
                        {
                            upserted++;
                            _documents[updateId] = spec.BuildUpsertDocument(new BsonDocument("_id", updateId)).ToBson();
                        }

                        break;
                    case DeleteRequest delete when !delete.IsMulti && delete.Filter.Contains("_id"):
                        // By _id plus equality on other top-level fields: what the run lock's release sends.
                        var deleteId = delete.Filter["_id"];
                        if (_documents.TryGetValue(deleteId, out var stored)
                            && delete.Filter.All(f => MongoDB.Bson.Serialization.BsonSerializer.Deserialize<BsonDocument>(stored).GetValue(f.Name, BsonNull.Value).Equals(f.Value)))
                        {
                            _documents.Remove(deleteId);
                            deleted++;
                        }

                        break;
                    default:
                        throw new NotSupportedException(requests[i].GetType().Name);
                }
            }
        }

        var result = new BulkWriteResult { InsertedCount = inserted, MatchedCount = matched, ModifiedCount = matched, DeletedCount = deleted };
        if (errors.Count > 0)
        {
            throw new BulkWriteFailedException(result, errors);
        }

        return Task.FromResult(result);
    }

    public Task<IReadOnlyList<BsonDocument>> ListIndexesAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<BsonDocument>>(Live._indexes.Select(i => i.DeepClone().AsBsonDocument).ToList());

    public Task<IReadOnlyList<string>> CreateIndexesAsync(IReadOnlyList<BsonDocument> specs, CancellationToken cancellationToken = default)
    {
        var live = _attached ? this : database.Attach(this);
        foreach (var spec in specs)
        {
            var index = new BsonDocument("v", 2);
            index.Merge(spec);
            live._indexes.Add(index);
        }

        return Task.FromResult<IReadOnlyList<string>>(specs.Select(s => s["name"].AsString).ToList());
    }

    private static byte[] BytesOf(BsonDocument document) => document is RawBsonDocument raw
        ? RawBytes(raw)
        : document.ToBson();

    private static byte[] RawBytes(RawBsonDocument raw)
    {
        var bytes = new byte[raw.Slice.Length];
        raw.Slice.GetBytes(0, bytes, 0, bytes.Length);
        return bytes;
    }

    /// <summary>Matching documents (no projection), ordered by the sort's fields: what the run journal reads.</summary>
    public async IAsyncEnumerable<BsonDocument> FindAsync(BsonDocument? filter, FindOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var matcher = Ferry.Query.Filters.FilterMatcher.Compile(filter ?? new BsonDocument());
        List<BsonDocument> found;
        lock (Live._documents)
        {
            found = Live._documents.Values.Select(b => BsonSerializer.Deserialize<BsonDocument>(b)).Where(matcher.Matches).ToList();
        }

        foreach (var key in (options?.Sort ?? new BsonDocument()).Reverse())
        {
            found = key.Value.ToInt32() > 0
                ? found.OrderBy(d => d.GetValue(key.Name, BsonNull.Value)).ToList()
                : found.OrderByDescending(d => d.GetValue(key.Name, BsonNull.Value)).ToList();
        }

        foreach (var document in found)
        {
            await Task.Yield();
            yield return document;
        }
    }

    public async Task<BsonDocument?> FindOneAsync(BsonDocument? filter, FindOptions? options = null, CancellationToken cancellationToken = default)
    {
        await foreach (var document in FindAsync(filter, options, cancellationToken).ConfigureAwait(false))
        {
            return document;
        }

        return null;
    }

    public Task<IReadOnlyList<IdRange>> SplitAsync(int count, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<BsonDocument?> FindOneAndUpdateAsync(BsonDocument filter, BsonValue update, FindOneAndModifyOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<BsonDocument?> FindOneAndReplaceAsync(BsonDocument filter, BsonDocument replacement, FindOneAndModifyOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<BsonDocument?> FindOneAndDeleteAsync(BsonDocument filter, FindOneAndModifyOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public IAsyncEnumerable<BsonDocument> AggregateAsync(BsonArray pipeline, AggregateOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<BsonValue>> DistinctAsync(string field, BsonDocument? filter = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task DropIndexAsync(string name, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<IndexUsage>> GetIndexUsageAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<CollectionStats> GetStatsAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    /// <summary>Inserts plain documents (test setup).</summary>
    public async Task SeedAsync(IEnumerable<BsonDocument> documents) =>
        await BulkWriteAsync(documents.Select(d => (WriteRequest)new InsertRequest(d)).ToList(), new BulkWriteOptions { BypassDocumentValidation = true });

    internal static BsonDocument Parse(byte[] bytes) => BsonSerializer.Deserialize<BsonDocument>(bytes);
}

using System.Runtime.CompilerServices;
using Ferry.Core.Storage;
using MongoDB.Bson;
using MongoDB.Driver;
using AggregateOptions = Ferry.Core.Storage.AggregateOptions;
using FindOptions = Ferry.Core.Storage.FindOptions;

namespace Ferry.Store.Mongo;

/// <summary>
/// One MongoDB collection behind the contract: reads here, writes in MongoStoreCollection.Writes.cs, indexes
/// and stats in MongoStoreCollection.Admin.cs. Documents are <see cref="BsonDocument"/>s (no mapping), and
/// scans read <see cref="RawBsonDocument"/>s so bytes arrive exactly as the server stored them.
/// </summary>
public sealed partial class MongoStoreCollection : IDocumentCollection
{
    private readonly MongoStoreDatabase _database;
    private readonly IMongoCollection<BsonDocument> _documents;
    private readonly IMongoCollection<RawBsonDocument> _raw;

    internal MongoStoreCollection(MongoStoreDatabase database, string name)
    {
        _database = database;
        Name = name;
        _documents = database.Driver.GetCollection<BsonDocument>(name);
        _raw = database.Driver.GetCollection<RawBsonDocument>(name);
    }

    public string Name { get; }

    public IDocumentDatabase Database => _database;

    /// <summary>The driver's collection handle, for MongoDB-only features.</summary>
    public IMongoCollection<BsonDocument> Driver => _documents;

    private MongoErrorTranslator Errors => _database.Errors;

    public Task<long> CountAsync(BsonDocument? filter = null, CancellationToken cancellationToken = default) =>
        Errors.RunAsync(() => _documents.CountDocumentsAsync(filter ?? new BsonDocument(), cancellationToken: cancellationToken));

    public Task<long> EstimatedCountAsync(CancellationToken cancellationToken = default) =>
        Errors.RunAsync(() => _documents.EstimatedDocumentCountAsync(cancellationToken: cancellationToken));

    public async IAsyncEnumerable<RawBsonDocument> ScanAsync(ScanOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        options ??= new ScanOptions();
        if (options.Limit is <= 0)
        {
            // MongoDB reads limit 0 as "no limit"; the contract means "nothing".
            yield break;
        }

        var filter = IdRangeFilter.Combine(options.Filter, options.AfterId, options.Partition);
        var findOptions = new FindOptions<RawBsonDocument, RawBsonDocument>
        {
            BatchSize = options.BatchSize,
            Sort = new BsonDocumentSortDefinition<RawBsonDocument>(new BsonDocument("_id", 1)),
            Projection = options.Projection is null ? null : new BsonDocumentProjectionDefinition<RawBsonDocument, RawBsonDocument>(options.Projection),
            Limit = options.Limit is { } limit ? (int)Math.Min(limit, int.MaxValue) : null,

            // A whole-collection scan walks the _id index, so documents stream in _id order without a blocking
            // sort (which fails past 100 MB). A filtered scan lets the planner pick its index.
            Hint = options.Filter is { ElementCount: > 0 } ? null : new BsonDocument("_id", 1),
        };
        using var cursor = await OpenScanCursorAsync(filter, findOptions, cancellationToken).ConfigureAwait(false);
        while (await Errors.RunAsync(() => cursor.MoveNextAsync(cancellationToken)).ConfigureAwait(false))
        {
            foreach (var document in cursor.Current)
            {
                yield return Detach(document);
            }
        }
    }

    private async Task<IAsyncCursor<RawBsonDocument>> OpenScanCursorAsync(BsonDocument filter, FindOptions<RawBsonDocument, RawBsonDocument> findOptions, CancellationToken cancellationToken)
    {
        var definition = new BsonDocumentFilterDefinition<RawBsonDocument>(filter);
        try
        {
            return await Errors.RunAsync(() => _raw.FindAsync(definition, findOptions, cancellationToken)).ConfigureAwait(false);
        }
        catch (Ferry.Query.Common.MqlException ex) when (findOptions.Hint is not null && ex.Code == Ferry.Query.Common.ErrorCodes.BadValue)
        {
            // Collections without an _id index (time series, some views) refuse the hint: scan without it.
            findOptions.Hint = null;
            return await Errors.RunAsync(() => _raw.FindAsync(definition, findOptions, cancellationToken)).ConfigureAwait(false);
        }
    }

    public async IAsyncEnumerable<BsonDocument> FindAsync(BsonDocument? filter, FindOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        options ??= new FindOptions();
        var findOptions = new FindOptions<BsonDocument, BsonDocument>
        {
            BatchSize = options.BatchSize,
            Sort = options.Sort is null ? null : new BsonDocumentSortDefinition<BsonDocument>(options.Sort),
            Projection = options.Projection is null ? null : new BsonDocumentProjectionDefinition<BsonDocument, BsonDocument>(options.Projection),
            Skip = options.Skip is { } skip ? checked((int)skip) : null,
            Limit = options.Limit is { } limit ? (int)Math.Min(limit, int.MaxValue) : null,
        };
        using var cursor = await Errors.RunAsync(() => _documents.FindAsync(filter ?? new BsonDocument(), findOptions, cancellationToken)).ConfigureAwait(false);
        while (await Errors.RunAsync(() => cursor.MoveNextAsync(cancellationToken)).ConfigureAwait(false))
        {
            foreach (var document in cursor.Current)
            {
                yield return document;
            }
        }
    }

    public async Task<BsonDocument?> FindOneAsync(BsonDocument? filter, FindOptions? options = null, CancellationToken cancellationToken = default)
    {
        var single = (options ?? new FindOptions()) with { Limit = 1, BatchSize = 1 };
        await foreach (var document in FindAsync(filter, single, cancellationToken).ConfigureAwait(false))
        {
            return document;
        }

        return null;
    }

    public Task<IReadOnlyList<IdRange>> SplitAsync(int count, CancellationToken cancellationToken = default) =>
        Errors.RunAsync(() => MongoSplitter.SplitAsync(_documents, count, cancellationToken));

    public async IAsyncEnumerable<BsonDocument> AggregateAsync(BsonArray pipeline, AggregateOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        options ??= new AggregateOptions();
        var stages = pipeline.Select(s => s.AsBsonDocument).ToList();
        var driverOptions = new MongoDB.Driver.AggregateOptions { BatchSize = options.BatchSize, AllowDiskUse = options.AllowDiskUse };
        var definition = PipelineDefinition<BsonDocument, BsonDocument>.Create(stages);
        if (stages.Count > 0 && stages[^1].ElementCount > 0 && stages[^1].GetElement(0).Name is "$out" or "$merge")
        {
            // As in mongosh, a pipeline that writes to a collection returns no documents (the driver's
            // AggregateAsync would read the whole target back).
            await Errors.RunAsync(() => _documents.AggregateToCollectionAsync(definition, driverOptions, cancellationToken)).ConfigureAwait(false);
            yield break;
        }

        using var cursor = await Errors.RunAsync(() => _documents.AggregateAsync(definition, driverOptions, cancellationToken)).ConfigureAwait(false);
        while (await Errors.RunAsync(() => cursor.MoveNextAsync(cancellationToken)).ConfigureAwait(false))
        {
            foreach (var document in cursor.Current)
            {
                yield return document;
            }
        }
    }

    public async Task<IReadOnlyList<BsonValue>> DistinctAsync(string field, BsonDocument? filter = null, CancellationToken cancellationToken = default)
    {
        var command = new BsonDocument { { "distinct", Name }, { "key", field }, { "query", filter ?? new BsonDocument() } };
        var reply = await _database.RunCommandAsync(command, cancellationToken).ConfigureAwait(false);
        return reply["values"].AsBsonArray.ToList();
    }

    /// <summary>Copies a cursor document out of the driver's pooled buffer, so callers may keep it without disposing it.</summary>
    private static RawBsonDocument Detach(RawBsonDocument document)
    {
        using (document)
        {
            var bytes = new byte[document.Slice.Length];
            document.Slice.GetBytes(0, bytes, 0, bytes.Length);
            return new RawBsonDocument(bytes);
        }
    }
}

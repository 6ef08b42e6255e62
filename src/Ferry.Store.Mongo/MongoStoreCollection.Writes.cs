using Ferry.Core.Storage;
using MongoDB.Bson;
using MongoDB.Driver;
using BulkWriteOptions = Ferry.Core.Storage.BulkWriteOptions;
using BulkWriteResult = Ferry.Core.Storage.BulkWriteResult;
using ReturnDocument = Ferry.Core.Storage.ReturnDocument;

namespace Ferry.Store.Mongo;

/// <summary>Writes: bulk writes and the findAndModify family.</summary>
public sealed partial class MongoStoreCollection
{
    public Task<BulkWriteResult> BulkWriteAsync(IReadOnlyList<WriteRequest> requests, BulkWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (requests.Count == 0)
        {
            return Task.FromResult(BulkWriteResult.Empty);
        }

        return MongoBulkWriter.WriteAsync(_documents, requests, options ?? new BulkWriteOptions(), Errors, cancellationToken);
    }

    public async Task<BsonDocument?> FindOneAndUpdateAsync(BsonDocument filter, BsonValue update, FindOneAndModifyOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new FindOneAndModifyOptions();
        var driverOptions = new FindOneAndUpdateOptions<BsonDocument, BsonDocument>
        {
            Sort = Sort(options.Sort),
            Projection = Projection(options.Projection),
            IsUpsert = options.IsUpsert,
            ReturnDocument = Map(options.ReturnDocument),
            ArrayFilters = MongoBulkWriter.ToArrayFilters(options.ArrayFilters),
        };
        return await Errors.RunAsync(() => _documents.FindOneAndUpdateAsync<BsonDocument>(filter, MongoBulkWriter.ToUpdate(update), driverOptions, cancellationToken)).ConfigureAwait(false);
    }

    public async Task<BsonDocument?> FindOneAndReplaceAsync(BsonDocument filter, BsonDocument replacement, FindOneAndModifyOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new FindOneAndModifyOptions();
        var driverOptions = new FindOneAndReplaceOptions<BsonDocument, BsonDocument>
        {
            Sort = Sort(options.Sort),
            Projection = Projection(options.Projection),
            IsUpsert = options.IsUpsert,
            ReturnDocument = Map(options.ReturnDocument),
        };
        return await Errors.RunAsync(() => _documents.FindOneAndReplaceAsync<BsonDocument>(filter, replacement, driverOptions, cancellationToken)).ConfigureAwait(false);
    }

    public async Task<BsonDocument?> FindOneAndDeleteAsync(BsonDocument filter, FindOneAndModifyOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new FindOneAndModifyOptions();
        var driverOptions = new FindOneAndDeleteOptions<BsonDocument, BsonDocument>
        {
            Sort = Sort(options.Sort),
            Projection = Projection(options.Projection),
        };
        return await Errors.RunAsync(() => _documents.FindOneAndDeleteAsync<BsonDocument>(filter, driverOptions, cancellationToken)).ConfigureAwait(false);
    }

    private static SortDefinition<BsonDocument>? Sort(BsonDocument? sort) =>
        sort is null ? null : new BsonDocumentSortDefinition<BsonDocument>(sort);

    private static ProjectionDefinition<BsonDocument, BsonDocument>? Projection(BsonDocument? projection) =>
        projection is null ? null : new BsonDocumentProjectionDefinition<BsonDocument, BsonDocument>(projection);

    private static MongoDB.Driver.ReturnDocument Map(ReturnDocument returnDocument) =>
        returnDocument == ReturnDocument.After ? MongoDB.Driver.ReturnDocument.After : MongoDB.Driver.ReturnDocument.Before;
}

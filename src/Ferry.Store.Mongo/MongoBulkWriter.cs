using Ferry.Core.Storage;
using Ferry.Query.Common;
using MongoDB.Bson;
using MongoDB.Driver;
using BulkWriteOptions = Ferry.Core.Storage.BulkWriteOptions;
using BulkWriteResult = Ferry.Core.Storage.BulkWriteResult;
using BulkWriteError = Ferry.Core.Storage.BulkWriteError;
using DriverBulkWriteOptions = MongoDB.Driver.BulkWriteOptions;

namespace Ferry.Store.Mongo;

/// <summary>
/// Runs the contract's bulk writes as real driver <c>BulkWrite</c> calls, one per batch from
/// <see cref="WriteBatcher"/>. Ordered writes stop at the first failing batch; unordered ones run every batch
/// and report all failures. A <see cref="MongoBulkWriteException"/> becomes a
/// <see cref="BulkWriteFailedException"/> with request indexes relative to the caller's list and the counts
/// of everything that did succeed.
/// </summary>
internal static class MongoBulkWriter
{
    public static async Task<BulkWriteResult> WriteAsync(
        IMongoCollection<BsonDocument> collection,
        IReadOnlyList<WriteRequest> requests,
        BulkWriteOptions options,
        MongoErrorTranslator errors,
        CancellationToken cancellationToken)
    {
        var total = new ResultAccumulator();
        var failures = new List<BulkWriteError>();
        var driverOptions = new DriverBulkWriteOptions
        {
            IsOrdered = options.IsOrdered,
            BypassDocumentValidation = options.BypassDocumentValidation ? true : null,
        };

        foreach (var (start, count) in WriteBatcher.Split(requests))
        {
            var models = new List<WriteModel<BsonDocument>>(count);
            for (var i = start; i < start + count; i++)
            {
                models.Add(ToModel(requests[i], i, total));
            }

            try
            {
                var result = await collection.BulkWriteAsync(models, driverOptions, cancellationToken).ConfigureAwait(false);
                total.Add(result, start, count, failedIndexes: null, stopIndex: null);
            }
            catch (MongoBulkWriteException<BsonDocument> ex)
            {
                var failed = ex.WriteErrors.Select(e => e.Index).ToHashSet();
                int? stop = options.IsOrdered && failed.Count > 0 ? failed.Min() : null;
                total.Add(ex.Result, start, count, failed, stop);
                failures.AddRange(ex.WriteErrors.Select(e => new BulkWriteError(start + e.Index, e.Code, ErrorCodes.NameOf(e.Code), e.Message)));
                if (ex.WriteErrors.Count == 0 && ex.WriteConcernError is { } wce)
                {
                    throw new MqlException(wce.Code, wce.CodeName ?? ErrorCodes.NameOf(wce.Code), "write concern error: " + wce.Message, ex);
                }

                if (options.IsOrdered)
                {
                    break;
                }
            }
            catch (Exception ex) when (errors.Translate(ex) is { } translated && !ReferenceEquals(translated, ex))
            {
                throw translated;
            }
        }

        var final = total.ToResult();
        return failures.Count == 0 ? final : throw new BulkWriteFailedException(final, failures);
    }

    private static WriteModel<BsonDocument> ToModel(WriteRequest request, int index, ResultAccumulator total)
    {
        switch (request)
        {
            case InsertRequest insert:
                var document = WithId(insert.Document);
                total.PendingInsertIds[index] = document["_id"];
                return new InsertOneModel<BsonDocument>(document);
            case ReplaceRequest replace:
                return new ReplaceOneModel<BsonDocument>(replace.Filter, replace.Replacement) { IsUpsert = replace.IsUpsert };
            case UpdateRequest update when update.IsMulti:
                return new UpdateManyModel<BsonDocument>(update.Filter, ToUpdate(update.Update))
                {
                    IsUpsert = update.IsUpsert,
                    ArrayFilters = ToArrayFilters(update.ArrayFilters),
                };
            case UpdateRequest update:
                return new UpdateOneModel<BsonDocument>(update.Filter, ToUpdate(update.Update))
                {
                    IsUpsert = update.IsUpsert,
                    ArrayFilters = ToArrayFilters(update.ArrayFilters),
                };
            case DeleteRequest { IsMulti: true } delete:
                return new DeleteManyModel<BsonDocument>(delete.Filter);
            case DeleteRequest delete:
                return new DeleteOneModel<BsonDocument>(delete.Filter);
            default:
                throw new ArgumentException($"unknown write request {request.GetType().Name}", nameof(request));
        }
    }

    /// <summary>MongoDB's rule: a document without <c>_id</c> gets a new ObjectId as its first field. A raw
    /// document that already has one is passed on untouched (its bytes are re-emitted in order).</summary>
    internal static BsonDocument WithId(BsonDocument document)
    {
        if (document.Contains("_id"))
        {
            return document;
        }

        var withId = document is RawBsonDocument raw ? raw.Materialize(new MongoDB.Bson.IO.BsonBinaryReaderSettings()) : document;
        withId.InsertAt(0, new BsonElement("_id", ObjectId.GenerateNewId()));
        return withId;
    }

    internal static UpdateDefinition<BsonDocument> ToUpdate(BsonValue update) => update switch
    {
        BsonDocument document => new BsonDocumentUpdateDefinition<BsonDocument>(document),
        BsonArray pipeline => new PipelineUpdateDefinition<BsonDocument>(
            PipelineDefinition<BsonDocument, BsonDocument>.Create(pipeline.Select(stage => stage.AsBsonDocument))),
        _ => throw ErrorCodes.Create(ErrorCodes.FailedToParse, "Update argument must be either an object or an array"),
    };

    internal static IEnumerable<ArrayFilterDefinition>? ToArrayFilters(IReadOnlyList<BsonDocument>? arrayFilters) =>
        arrayFilters?.Select(f => (ArrayFilterDefinition)new BsonDocumentArrayFilterDefinition<BsonDocument>(f)).ToList();
}

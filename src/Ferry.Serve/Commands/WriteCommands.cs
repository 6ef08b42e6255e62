using Ferry.Core.Storage;
using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Serve.Commands;

/// <summary>
/// insert, update, delete and findAndModify, mapped onto the store's bulk write and find-and-modify. Per-operation
/// failures come back as <c>writeErrors</c> (index, code, errmsg) exactly as the store reports them, with the counts
/// of the operations that succeeded; ordered writes stop at the first failure, as the store does.
/// </summary>
internal static class WriteCommands
{
    public static Task<BsonDocument> InsertAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var requests = Items(context, "documents").Select(d => (WriteRequest)new InsertRequest(d)).ToList();
        return BulkAsync(context, requests, (result, reply) => reply["n"] = result.InsertedCount, cancellationToken);
    }

    public static Task<BsonDocument> UpdateAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var requests = Items(context, "updates").Select(ToUpdate).ToList();
        return BulkAsync(context, requests, (result, reply) =>
        {
            reply["n"] = result.MatchedCount + result.UpsertedCount;
            reply["nModified"] = result.ModifiedCount;
            if (result.Upserts.Count > 0)
            {
                reply["upserted"] = new BsonArray(result.Upserts.Select(u => new BsonDocument { { "index", u.Index }, { "_id", u.Id } }));
            }
        }, cancellationToken);
    }

    public static Task<BsonDocument> DeleteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var requests = Items(context, "deletes").Select(ToDelete).ToList();
        return BulkAsync(context, requests, (result, reply) => reply["n"] = result.DeletedCount, cancellationToken);
    }

    /// <summary>
    /// findAndModify: remove, update (operators or pipeline) or replace. <c>lastErrorObject</c> is derived from the
    /// returned document, as far as the store's API tells: an upsert that inserts is reported as n 1,
    /// updatedExisting false only when the returned pre-image is null.
    /// </summary>
    public static async Task<BsonDocument> FindAndModifyAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var collection = context.Db.GetCollection(context.CollectionName);
        var filter = context.Document("query") ?? [];
        var remove = context.Flag("remove");
        var upsert = context.Flag("upsert");
        var options = new FindOneAndModifyOptions
        {
            Sort = context.Document("sort"),
            Projection = context.Document("fields"),
            IsUpsert = upsert,
            ReturnDocument = context.Flag("new") ? ReturnDocument.After : ReturnDocument.Before,
            ArrayFilters = ArrayFilters(context.Command),
        };
        context.Command.TryGetValue("update", out var update);
        if (remove == (update is not null))
        {
            throw ErrorCodes.Create(ErrorCodes.FailedToParse, remove ? "Cannot specify both an update and remove=true" : "Either an update or remove=true must be specified");
        }

        BsonDocument? value;
        if (remove)
        {
            value = await collection.FindOneAndDeleteAsync(filter, options, cancellationToken).ConfigureAwait(false);
            return Reply(value, new BsonDocument("n", value is null ? 0 : 1));
        }

        value = update is BsonDocument replacement && IsReplacement(replacement)
            ? await collection.FindOneAndReplaceAsync(filter, replacement, options, cancellationToken).ConfigureAwait(false)
            : await collection.FindOneAndUpdateAsync(filter, update!, options, cancellationToken).ConfigureAwait(false);
        var found = value is not null && options.ReturnDocument == ReturnDocument.Before;
        return Reply(value, new BsonDocument { { "n", value is null && !upsert ? 0 : 1 }, { "updatedExisting", found || (value is not null && !upsert) } });
    }

    private static BsonDocument Reply(BsonDocument? value, BsonDocument lastError) => new()
    {
        { "lastErrorObject", lastError },
        { "value", (BsonValue?)value ?? BsonNull.Value },
        { "ok", 1.0 },
    };

    private static async Task<BsonDocument> BulkAsync(CommandContext context, List<WriteRequest> requests, Action<BulkWriteResult, BsonDocument> counts, CancellationToken cancellationToken)
    {
        if (requests.Count > Protocol.WireLimits.MaxWriteBatchSize)
        {
            throw ErrorCodes.Create(ErrorCodes.InvalidLength, $"Write batch sizes must be between 1 and {Protocol.WireLimits.MaxWriteBatchSize}. Got {requests.Count} operations.");
        }

        var options = new BulkWriteOptions
        {
            IsOrdered = context.Flag("ordered", fallback: true),
            BypassDocumentValidation = context.Flag("bypassDocumentValidation"),
        };
        var reply = new BsonDocument();
        if (requests.Count == 0)
        {
            counts(BulkWriteResult.Empty, reply);
        }
        else
        {
            try
            {
                var result = await context.Db.GetCollection(context.CollectionName).BulkWriteAsync(requests, options, cancellationToken).ConfigureAwait(false);
                counts(result, reply);
            }
            catch (BulkWriteFailedException failed)
            {
                counts(failed.Result, reply);
                reply["writeErrors"] = ErrorReplies.WriteErrors(failed.WriteErrors);
            }
        }

        reply["ok"] = 1.0;
        return reply;
    }

    private static IEnumerable<BsonDocument> Items(CommandContext context, string field)
    {
        if (!context.Command.TryGetValue(field, out var items) || items is not BsonArray array)
        {
            throw ErrorCodes.Create(ErrorCodes.FailedToParse, $"BSON field '{context.Name}.{field}' is missing but a required field");
        }

        return array.Select(item => item as BsonDocument ?? throw ErrorCodes.Type($"BSON field '{context.Name}.{field}' must be an array of objects"));
    }

    private static WriteRequest ToUpdate(BsonDocument statement)
    {
        var filter = statement.GetValue("q", new BsonDocument()) as BsonDocument ?? throw ErrorCodes.Type("BSON field 'update.updates.q' is the wrong type");
        var update = statement.GetValue("u", BsonNull.Value);
        var multi = statement.TryGetValue("multi", out var m) && m.ToBoolean();
        var upsert = statement.TryGetValue("upsert", out var u) && u.ToBoolean();
        return update switch
        {
            BsonDocument replacement when IsReplacement(replacement) => multi
                ? throw ErrorCodes.Create(ErrorCodes.FailedToParse, "multi update is not supported for replacement-style update")
                : new ReplaceRequest(filter, replacement, upsert),
            BsonDocument or BsonArray => new UpdateRequest(filter, update, multi, upsert) { ArrayFilters = ArrayFilters(statement) },
            _ => throw ErrorCodes.Type("BSON field 'update.updates.u' is the wrong type"),
        };
    }

    private static WriteRequest ToDelete(BsonDocument statement)
    {
        var filter = statement.GetValue("q", new BsonDocument()) as BsonDocument ?? throw ErrorCodes.Type("BSON field 'delete.deletes.q' is the wrong type");
        var limit = statement.TryGetValue("limit", out var l) && l.IsNumeric ? l.ToInt64() : 0;
        return limit switch
        {
            0 => new DeleteRequest(filter, IsMulti: true),
            1 => new DeleteRequest(filter, IsMulti: false),
            _ => throw ErrorCodes.Create(ErrorCodes.FailedToParse, "The limit field in delete objects must be 0 or 1. Got " + limit),
        };
    }

    private static bool IsReplacement(BsonDocument update) => update.ElementCount == 0 || !update.GetElement(0).Name.StartsWith('$');

    private static List<BsonDocument>? ArrayFilters(BsonDocument source) =>
        source.TryGetValue("arrayFilters", out var filters) && filters is BsonArray list ? list.Select(f => f.AsBsonDocument).ToList() : null;
}

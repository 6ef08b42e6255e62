using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Store.Conformance.Spec;

/// <summary>
/// Executes one spec operation on a collection through the store contract and returns its result in the
/// spec's shape (the driver's result types as documents). Also does what a driver does before sending:
/// the client-side argument checks the spec expects as <c>isClientError</c>.
/// </summary>
public static class SpecOperations
{
    public static async Task<BsonValue> RunAsync(IDocumentCollection collection, string name, BsonDocument arguments)
    {
        var args = new ArgumentReader(name, arguments);
        try
        {
            var result = await RunAsync(collection, name, args);
            args.EnsureAllRead();
            return result;
        }
        catch (Exception ex) when (ex is not SpecFailureException && args.HasUnread)
        {
            // An argument the runner does not know invalidates the test even when an error was expected.
            args.EnsureAllRead();
            throw;
        }
    }

    private static async Task<BsonValue> RunAsync(IDocumentCollection collection, string name, ArgumentReader args) =>
        name switch
        {
            "insertOne" => await InsertOneAsync(collection, args),
            "insertMany" => await InsertManyAsync(collection, args),
            "updateOne" or "updateMany" or "replaceOne" => await UpdateAsync(collection, name, args),
            "deleteOne" or "deleteMany" => await DeleteAsync(collection, name, args),
            "bulkWrite" => await BulkWriteAsync(collection, args),
            "find" => await FindAsync(collection, args),
            "findOne" => await FindOneAsync(collection, args),
            "countDocuments" or "count" => await CountAsync(collection, args),
            "estimatedDocumentCount" => await collection.EstimatedCountAsync(),
            "distinct" => new BsonArray(await collection.DistinctAsync(args.Required("fieldName").AsString, args.Document("filter") ?? [])),
            "aggregate" => await AggregateAsync(collection, args),
            "findOneAndUpdate" => await FindOneAndUpdateAsync(collection, args),
            "findOneAndReplace" => await FindOneAndReplaceAsync(collection, args),
            "findOneAndDelete" => await FindOneAndDeleteAsync(collection, args),
            "createIndex" => await CreateIndexAsync(collection, args),
            _ => throw new SpecFailureException($"operation '{name}' is not implemented by the spec runner"),
        };

    private static async Task<BsonValue> InsertOneAsync(IDocumentCollection collection, ArgumentReader args)
    {
        var document = args.Required("document").AsBsonDocument;
        var result = await collection.BulkWriteAsync([new InsertRequest(document)], Options(args, ordered: true));
        return new BsonDocument("insertedId", result.InsertedIds[0]);
    }

    private static async Task<BsonValue> InsertManyAsync(IDocumentCollection collection, ArgumentReader args)
    {
        var documents = args.Required("documents").AsBsonArray;
        if (documents.Count == 0)
        {
            throw new SpecClientErrorException("insertMany needs at least one document");
        }

        var result = await collection.BulkWriteAsync(documents.Select(d => (WriteRequest)new InsertRequest(d.AsBsonDocument)).ToList(), Options(args, ordered: true));
        return new BsonDocument("insertedIds", InsertedIds(result));
    }

    private static async Task<BsonValue> UpdateAsync(IDocumentCollection collection, string name, ArgumentReader args)
    {
        var request = ToRequest(name, args);
        var result = await collection.BulkWriteAsync([request], Options(args, ordered: true));
        var reply = new BsonDocument { { "matchedCount", result.MatchedCount }, { "modifiedCount", result.ModifiedCount }, { "upsertedCount", result.UpsertedCount } };
        if (result.Upserts.Count > 0)
        {
            reply["upsertedId"] = result.Upserts[0].Id;
        }

        return reply;
    }

    private static async Task<BsonValue> DeleteAsync(IDocumentCollection collection, string name, ArgumentReader args)
    {
        var result = await collection.BulkWriteAsync([ToRequest(name, args)], Options(args, ordered: true));
        return new BsonDocument("deletedCount", result.DeletedCount);
    }

    private static async Task<BsonValue> BulkWriteAsync(IDocumentCollection collection, ArgumentReader args)
    {
        var requests = args.Required("requests").AsBsonArray.Select(r =>
        {
            var element = r.AsBsonDocument.GetElement(0);
            var inner = new ArgumentReader(element.Name, element.Value.AsBsonDocument);
            var request = element.Name == "insertOne" ? new InsertRequest(inner.Required("document").AsBsonDocument) : ToRequest(element.Name, inner);
            inner.EnsureAllRead();
            return request;
        }).ToList();
        if (requests.Count == 0)
        {
            throw new SpecClientErrorException("bulkWrite needs at least one request");
        }

        return BulkResult(await collection.BulkWriteAsync(requests, Options(args, ordered: true)));
    }

    /// <summary>The spec's BulkWriteResult shape, also used for the partial result of a failed bulk write.</summary>
    public static BsonDocument BulkResult(BulkWriteResult result) => new()
    {
        { "deletedCount", result.DeletedCount },
        { "insertedCount", result.InsertedCount },
        { "insertedIds", InsertedIds(result) },
        { "matchedCount", result.MatchedCount },
        { "modifiedCount", result.ModifiedCount },
        { "upsertedCount", result.UpsertedCount },
        { "upsertedIds", new BsonDocument(result.Upserts.Select(u => new BsonElement(u.Index.ToString(System.Globalization.CultureInfo.InvariantCulture), u.Id))) },
    };

    private static BsonDocument InsertedIds(BulkWriteResult result) =>
        new(result.InsertedIds.OrderBy(p => p.Key).Select(p => new BsonElement(p.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Value)));

    private static WriteRequest ToRequest(string name, ArgumentReader args)
    {
        var filter = args.Required("filter").AsBsonDocument;
        switch (name)
        {
            case "updateOne" or "updateMany":
                var update = args.Required("update");
                CheckUpdate(update);
                return new UpdateRequest(filter, update, IsMulti: name == "updateMany", IsUpsert: args.Bool("upsert"))
                {
                    ArrayFilters = args.Array("arrayFilters")?.Select(f => f.AsBsonDocument).ToList(),
                };
            case "replaceOne":
                var replacement = args.Required("replacement").AsBsonDocument;
                CheckReplacement(replacement);
                return new ReplaceRequest(filter, replacement, args.Bool("upsert"));
            case "deleteOne" or "deleteMany":
                return new DeleteRequest(filter, IsMulti: name == "deleteMany");
            default:
                throw new SpecFailureException($"unknown write model '{name}'");
        }
    }

    /// <summary>Drivers refuse an update document without operators (or an empty one) before sending it.</summary>
    private static void CheckUpdate(BsonValue update)
    {
        if (update is BsonDocument document && (document.ElementCount == 0 || !document.GetElement(0).Name.StartsWith('$')))
        {
            throw new SpecClientErrorException("update document must contain update operators");
        }
    }

    /// <summary>Drivers refuse a replacement that starts with an update operator.</summary>
    private static void CheckReplacement(BsonDocument replacement)
    {
        if (replacement.ElementCount > 0 && replacement.GetElement(0).Name.StartsWith('$'))
        {
            throw new SpecClientErrorException("replacement document must not contain update operators");
        }
    }

    private static Core.Storage.BulkWriteOptions Options(ArgumentReader args, bool ordered) => new()
    {
        IsOrdered = args.Bool("ordered", ordered),
        BypassDocumentValidation = args.Bool("bypassDocumentValidation"),
    };

    private static async Task<BsonValue> FindAsync(IDocumentCollection collection, ArgumentReader args) =>
        new BsonArray(await collection.FindAsync(args.Document("filter") ?? [], FindOptions(args)).ToListAsync());

    private static async Task<BsonValue> FindOneAsync(IDocumentCollection collection, ArgumentReader args) =>
        (BsonValue?)await collection.FindOneAsync(args.Document("filter") ?? [], FindOptions(args)) ?? BsonNull.Value;

    private static FindOptions FindOptions(ArgumentReader args)
    {
        var limit = args.Long("limit");
        return new FindOptions
        {
            Sort = args.Document("sort"),
            Projection = args.Document("projection"),
            Skip = args.Long("skip"),
            // A negative limit means "one batch of that many" on the wire; the documents returned are the same.
            Limit = limit is { } l && l != 0 ? Math.Abs(l) : null,
            BatchSize = (int)(args.Long("batchSize") is { } b && b > 0 ? b : 1000),
        };
    }

    private static async Task<BsonValue> CountAsync(IDocumentCollection collection, ArgumentReader args)
    {
        var filter = args.Document("filter") ?? [];
        var skip = args.Long("skip");
        var limit = args.Long("limit");
        if (skip is null && limit is null)
        {
            return await collection.CountAsync(filter);
        }

        var options = new FindOptions { Skip = skip, Limit = limit is { } l && l != 0 ? Math.Abs(l) : null, Projection = new BsonDocument("_id", 1) };
        return (long)await collection.FindAsync(filter, options).CountAsync();
    }

    private static async Task<BsonValue> AggregateAsync(IDocumentCollection collection, ArgumentReader args)
    {
        var options = new AggregateOptions
        {
            BatchSize = (int)(args.Long("batchSize") is { } b && b > 0 ? b : 1000),
            AllowDiskUse = args.Bool("allowDiskUse", true),
        };
        return new BsonArray(await collection.AggregateAsync(args.Required("pipeline").AsBsonArray, options).ToListAsync());
    }

    private static async Task<BsonValue> FindOneAndUpdateAsync(IDocumentCollection collection, ArgumentReader args)
    {
        var filter = args.Required("filter").AsBsonDocument;
        var update = args.Required("update");
        CheckUpdate(update);
        return (BsonValue?)await collection.FindOneAndUpdateAsync(filter, update, ModifyOptions(args, withArrayFilters: true)) ?? BsonNull.Value;
    }

    private static async Task<BsonValue> FindOneAndReplaceAsync(IDocumentCollection collection, ArgumentReader args)
    {
        var filter = args.Required("filter").AsBsonDocument;
        var replacement = args.Required("replacement").AsBsonDocument;
        CheckReplacement(replacement);
        return (BsonValue?)await collection.FindOneAndReplaceAsync(filter, replacement, ModifyOptions(args, withArrayFilters: false)) ?? BsonNull.Value;
    }

    private static async Task<BsonValue> FindOneAndDeleteAsync(IDocumentCollection collection, ArgumentReader args) =>
        (BsonValue?)await collection.FindOneAndDeleteAsync(args.Required("filter").AsBsonDocument, ModifyOptions(args, withArrayFilters: false)) ?? BsonNull.Value;

    private static FindOneAndModifyOptions ModifyOptions(ArgumentReader args, bool withArrayFilters) => new()
    {
        Sort = args.Document("sort"),
        Projection = args.Document("projection"),
        IsUpsert = args.Bool("upsert"),
        ReturnDocument = args.String("returnDocument") is "After" ? ReturnDocument.After : ReturnDocument.Before,
        ArrayFilters = withArrayFilters ? args.Array("arrayFilters")?.Select(f => f.AsBsonDocument).ToList() : null,
    };

    private static async Task<BsonValue> CreateIndexAsync(IDocumentCollection collection, ArgumentReader args)
    {
        var spec = new BsonDocument("key", args.Required("keys"));
        foreach (var option in new[] { "name", "unique", "sparse", "expireAfterSeconds", "partialFilterExpression" })
        {
            if (args.Optional(option) is { } value)
            {
                spec[option] = value;
            }
        }

        var names = await collection.CreateIndexesAsync([spec]);
        return names[0];
    }
}

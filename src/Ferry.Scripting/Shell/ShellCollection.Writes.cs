using Ferry.Core.Storage;
using Ferry.Scripting.Conversion;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using MongoDB.Bson;

namespace Ferry.Scripting.Shell;

/// <summary>Write methods of <c>db.&lt;collection&gt;</c>: inserts, updates, replaces, deletes, bulkWrite and findAndModify.</summary>
internal sealed partial class ShellCollection
{
    private void DefineWrites(ObjectInstance target)
    {
        _context.Method(target, "insertOne", (_, args) =>
        {
            var document = PrepareInsert(JsHelpers.Arg(args, 0));
            Write([new InsertRequest(document)], ordered: true);
            return _context.ToJs.ToJs(WriteResults.InsertOne(document["_id"]));
        }, 2);
        _context.Method(target, "insertMany", (_, args) =>
        {
            if (!JsHelpers.Arg(args, 0).IsArray())
            {
                throw JsHelpers.TypeError(_context.Engine, "insertMany() needs an array of documents");
            }

            var documents = args[0].AsArray().Select(PrepareInsert).ToList();
            var result = Write(documents.Select(d => (WriteRequest)new InsertRequest(d)).ToList(), Ordered(args, 1));
            return _context.ToJs.ToJs(WriteResults.InsertMany(result, documents.Count));
        }, 2);
        _context.Method(target, "updateOne", (_, args) => Update(args, multi: false), 3);
        _context.Method(target, "updateMany", (_, args) => Update(args, multi: true), 3);
        _context.Method(target, "replaceOne", (_, args) =>
        {
            var filter = Filter(args);
            var replacement = Replacement(JsHelpers.Arg(args, 1));
            var options = Options(args, 2);
            var result = Write([new ReplaceRequest(filter, replacement, options.GetValue("upsert", false).ToBoolean())], ordered: true);
            return _context.ToJs.ToJs(WriteResults.Update(result));
        }, 3);
        _context.Method(target, "deleteOne", (_, args) =>
            _context.ToJs.ToJs(WriteResults.Delete(Write([new DeleteRequest(Filter(args))], ordered: true))), 2);
        _context.Method(target, "deleteMany", (_, args) =>
            _context.ToJs.ToJs(WriteResults.Delete(Write([new DeleteRequest(Filter(args), IsMulti: true)], ordered: true))), 2);
        _context.Method(target, "bulkWrite", (_, args) =>
        {
            if (!JsHelpers.Arg(args, 0).IsArray())
            {
                throw JsHelpers.TypeError(_context.Engine, "bulkWrite() needs an array of operations");
            }

            var requests = args[0].AsArray().Select(ToWriteRequest).ToList();
            return _context.ToJs.ToJs(WriteResults.BulkWrite(Write(requests, Ordered(args, 1))));
        }, 2);
        // The legacy shell's insert/remove/update, still common in older scripts.
        _context.Method(target, "insert", (_, args) =>
        {
            var many = JsHelpers.Arg(args, 0).IsArray();
            var documents = many ? args[0].AsArray().Select(PrepareInsert).ToList() : [PrepareInsert(JsHelpers.Arg(args, 0))];
            var result = Write(documents.Select(d => (WriteRequest)new InsertRequest(d)).ToList(), Ordered(args, 1));
            return _context.ToJs.ToJs(new BsonDocument("nInserted", WriteResults.Count(result.InsertedCount)));
        }, 2);
        _context.Method(target, "remove", (_, args) =>
        {
            var second = JsHelpers.Arg(args, 1);
            var justOne = second.IsBoolean() ? second.AsBoolean() : Options(args, 1).GetValue("justOne", false).ToBoolean();
            var result = Write([new DeleteRequest(Filter(args), IsMulti: !justOne)], ordered: true);
            return _context.ToJs.ToJs(new BsonDocument("nRemoved", WriteResults.Count(result.DeletedCount)));
        }, 2);
        _context.Method(target, "update", (_, args) =>
        {
            var options = Options(args, 2);
            var filter = Filter(args);
            var update = _context.ToBson.ToBson(JsHelpers.Arg(args, 1));
            var upsert = options.GetValue("upsert", false).ToBoolean();
            WriteRequest request = update is BsonDocument d && !d.Names.Any(n => n.StartsWith('$'))
                ? new ReplaceRequest(filter, d, upsert)
                : new UpdateRequest(filter, CheckUpdate(update), options.GetValue("multi", false).ToBoolean(), upsert) { ArrayFilters = ArrayFilters(options) };
            var result = Write([request], ordered: true);
            return _context.ToJs.ToJs(new BsonDocument
            {
                { "nMatched", WriteResults.Count(result.MatchedCount) },
                { "nUpserted", WriteResults.Count(result.UpsertedCount) },
                { "nModified", WriteResults.Count(result.ModifiedCount) },
            });
        }, 3);
        _context.Method(target, "findOneAndUpdate", (_, args) =>
        {
            var filter = Filter(args);
            var update = UpdateDocument(JsHelpers.Arg(args, 1));
            var options = ModifyOptions(Options(args, 2));
            var found = _context.Await(ct => _collection.FindOneAndUpdateAsync(filter, update, options, ct));
            return found is null ? JsValue.Null : _context.ToJs.ToJs(found);
        }, 3);
        _context.Method(target, "findOneAndReplace", (_, args) =>
        {
            var filter = Filter(args);
            var replacement = Replacement(JsHelpers.Arg(args, 1));
            var options = ModifyOptions(Options(args, 2));
            var found = _context.Await(ct => _collection.FindOneAndReplaceAsync(filter, replacement, options, ct));
            return found is null ? JsValue.Null : _context.ToJs.ToJs(found);
        }, 3);
        _context.Method(target, "findOneAndDelete", (_, args) =>
        {
            var filter = Filter(args);
            var options = ModifyOptions(Options(args, 1));
            var found = _context.Await(ct => _collection.FindOneAndDeleteAsync(filter, options, ct));
            return found is null ? JsValue.Null : _context.ToJs.ToJs(found);
        }, 2);
    }

    private JsValue Update(JsValue[] args, bool multi)
    {
        var filter = Filter(args);
        var update = UpdateDocument(JsHelpers.Arg(args, 1));
        var options = Options(args, 2);
        var request = new UpdateRequest(filter, update, multi, options.GetValue("upsert", false).ToBoolean())
        {
            ArrayFilters = ArrayFilters(options),
        };
        return _context.ToJs.ToJs(WriteResults.Update(Write([request], ordered: true)));
    }

    private BulkWriteResult Write(IReadOnlyList<WriteRequest> requests, bool ordered) =>
        requests.Count == 0
            ? BulkWriteResult.Empty
            : _context.Await(ct => _collection.BulkWriteAsync(requests, new BulkWriteOptions { IsOrdered = ordered }, ct));

    /// <summary>Converts a document to insert and gives it an ObjectId <c>_id</c> first when it has none, as mongosh
    /// does, setting it on the script's object too so the script can read it back.</summary>
    private BsonDocument PrepareInsert(JsValue value)
    {
        var document = _context.ToBson.ToDocument(value, "document");
        if (!document.Contains("_id"))
        {
            var id = _context.NewObjectId();
            document.InsertAt(0, new BsonElement("_id", id));
            if (value is ObjectInstance obj && !value.IsArray())
            {
                obj.Set("_id", _context.ToJs.ToJs(id));
            }
        }

        return document;
    }

    private WriteRequest ToWriteRequest(JsValue operation)
    {
        var op = _context.ToBson.ToDocument(operation, "bulkWrite operation");
        if (op.ElementCount != 1 || !op[0].IsBsonDocument)
        {
            throw JsHelpers.TypeError(_context.Engine, $"bulkWrite operation must be {{ insertOne | updateOne | updateMany | replaceOne | deleteOne | deleteMany: {{…}} }}, got {op.ToJson()}");
        }

        var kind = op.GetElement(0).Name;
        var body = op[0].AsBsonDocument;
        var filter = body.GetValue("filter", new BsonDocument()).AsBsonDocument;
        var upsert = body.GetValue("upsert", false).ToBoolean();
        return kind switch
        {
            "insertOne" => new InsertRequest(WithId(_context, body.GetValue("document", body).AsBsonDocument)),
            "updateOne" or "updateMany" => new UpdateRequest(filter, CheckUpdate(body.GetValue("update", BsonNull.Value)), kind == "updateMany", upsert)
            {
                ArrayFilters = ArrayFilters(body),
            },
            "replaceOne" => new ReplaceRequest(filter, CheckReplacement(body.GetValue("replacement", BsonNull.Value)), upsert),
            "deleteOne" or "deleteMany" => new DeleteRequest(filter, kind == "deleteMany"),
            _ => throw JsHelpers.TypeError(_context.Engine, $"bulkWrite: unknown operation '{kind}'"),
        };
    }

    private static BsonDocument WithId(ShellContext context, BsonDocument document)
    {
        if (!document.Contains("_id"))
        {
            document.InsertAt(0, new BsonElement("_id", context.NewObjectId()));
        }

        return document;
    }

    private BsonDocument Filter(JsValue[] args) => _context.ToBson.ToOptionalDocument(JsHelpers.Arg(args, 0), "filter") ?? [];

    private BsonValue UpdateDocument(JsValue value) => CheckUpdate(_context.ToBson.ToBson(value));

    /// <summary>An update is an operator document (<c>{ $set: … }</c>) or a pipeline; mongosh refuses anything else
    /// before it reaches the server, so a replacement passed to updateOne by mistake does not wipe documents.</summary>
    private BsonValue CheckUpdate(BsonValue update) => update switch
    {
        BsonArray => update,
        BsonDocument { ElementCount: > 0 } d when d.Names.All(n => n.StartsWith('$')) => update,
        _ => throw _context.Errors.ToJavaScript(new ArgumentException("Update document requires atomic operators")),
    };

    private BsonDocument Replacement(JsValue value) => CheckReplacement(_context.ToBson.ToBson(value));

    private BsonDocument CheckReplacement(BsonValue replacement) => replacement switch
    {
        BsonDocument d when !d.Names.Any(n => n.StartsWith('$')) => d,
        _ => throw _context.Errors.ToJavaScript(new ArgumentException("Replacement document must not contain atomic operators")),
    };

    private bool Ordered(JsValue[] args, int index) => Options(args, index).GetValue("ordered", true).ToBoolean();

    private static IReadOnlyList<BsonDocument>? ArrayFilters(BsonDocument options) =>
        options.TryGetValue("arrayFilters", out var filters) && filters.IsBsonArray
            ? filters.AsBsonArray.Select(f => f.AsBsonDocument).ToList()
            : null;

    /// <summary>mongosh's <c>returnNewDocument: true</c> and the Node driver's <c>returnDocument: "after"</c>.</summary>
    private static FindOneAndModifyOptions ModifyOptions(BsonDocument options) => new()
    {
        Sort = options.GetValue("sort", BsonNull.Value) as BsonDocument,
        Projection = options.GetValue("projection", BsonNull.Value) as BsonDocument,
        IsUpsert = options.GetValue("upsert", false).ToBoolean(),
        ReturnDocument = options.GetValue("returnNewDocument", false).ToBoolean() || options.GetValue("returnDocument", "before").ToString() == "after"
            ? ReturnDocument.After
            : ReturnDocument.Before,
        ArrayFilters = ArrayFilters(options),
    };
}

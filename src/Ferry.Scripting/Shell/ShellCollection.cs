using Ferry.Core.Storage;
using Ferry.Scripting.Conversion;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using MongoDB.Bson;

namespace Ferry.Scripting.Shell;

/// <summary>
/// <c>db.&lt;collection&gt;</c>: mongosh's collection methods (and the Node driver's spellings migrate-mongo
/// scripts use) over one <see cref="IDocumentCollection"/>. Reads live here; writes and index methods are in the
/// other parts of this partial class. Arguments are converted with mongosh's rules and results shaped as mongosh
/// returns them.
/// </summary>
internal sealed partial class ShellCollection
{
    private readonly ShellContext _context;
    private readonly IDocumentCollection _collection;
    private readonly Func<string, ObjectInstance> _subCollection;

    public ShellCollection(ShellContext context, IDocumentCollection collection, Func<string, ObjectInstance> subCollection)
    {
        _context = context;
        _collection = collection;
        _subCollection = subCollection;
        var target = new JsObject(context.Engine);
        DefineReads(target);
        DefineWrites(target);
        DefineIndexesAndAdmin(target);
        JsObject = context.Engine.Advanced.CreateProxy(target, new ShellNamespaceHandler(name => _subCollection(collection.Name + "." + name)));
    }

    public ObjectInstance JsObject { get; }

    private void DefineReads(ObjectInstance target)
    {
        _context.Method(target, "getName", (_, _) => _collection.Name);
        _context.Method(target, "getFullName", (_, _) => _collection.Database.Name + "." + _collection.Name);
        _context.Method(target, "toString", (_, _) => _collection.Database.Name + "." + _collection.Name);
        target.Set("collectionName", _collection.Name);

        _context.Method(target, "find", (_, args) => Find(args).JsObject, 3);
        _context.Method(target, "findOne", (_, args) =>
        {
            var cursor = Find(args);
            var found = _context.Await(ct => _collection.FindOneAsync(cursor.Filter, cursor.Options with { Limit = 1 }, ct));
            return found is null ? JsValue.Null : _context.ToJs.ToJs(found);
        }, 3);
        _context.Method(target, "countDocuments", (_, args) =>
        {
            var filter = _context.ToBson.ToOptionalDocument(JsHelpers.Arg(args, 0), "filter");
            var options = Options(args, 1);
            var count = _context.Await(ct => _collection.CountAsync(filter, ct));
            count = Math.Max(0, count - (long)(options.GetValue("skip", 0).ToDouble()));
            if (options.GetValue("limit", 0).ToDouble() is > 0 and var limit)
            {
                count = Math.Min(count, (long)limit);
            }

            return _context.ToJs.ToJs(WriteResults.Count(count));
        }, 2);
        _context.Method(target, "count", (_, args) =>
        {
            var filter = _context.ToBson.ToOptionalDocument(JsHelpers.Arg(args, 0), "filter");
            return _context.ToJs.ToJs(WriteResults.Count(_context.Await(ct => _collection.CountAsync(filter, ct))));
        }, 1);
        _context.Method(target, "estimatedDocumentCount", (_, _) =>
            _context.ToJs.ToJs(WriteResults.Count(_context.Await(ct => _collection.EstimatedCountAsync(ct)))));
        _context.Method(target, "distinct", (_, args) =>
        {
            var field = JsHelpers.Arg(args, 0).IsString() ? JsHelpers.Arg(args, 0).AsString() : throw JsHelpers.TypeError(_context.Engine, "distinct() needs a field name");
            var filter = _context.ToBson.ToOptionalDocument(JsHelpers.Arg(args, 1), "filter");
            var values = _context.Await(ct => _collection.DistinctAsync(field, filter, ct));
            return _context.ToJs.ToJs(new BsonArray(values));
        }, 2);
        _context.Method(target, "aggregate", (_, args) =>
        {
            BsonArray pipeline;
            BsonDocument options = [];
            if (JsHelpers.Arg(args, 0).IsArray())
            {
                pipeline = (BsonArray)_context.ToBson.ToBson(args[0]);
                options = Options(args, 1);
            }
            else
            {
                pipeline = new BsonArray(args.Select(a => _context.ToBson.ToDocument(a, "pipeline stage")));
            }

            var batchSize = options.GetValue("batchSize", 1000).ToInt32();
            return new ShellCursor(_context, (o, ct) => _collection.AggregateAsync(pipeline, new AggregateOptions { BatchSize = Math.Max(1, batchSize) }, ct), null).JsObject;
        }, 2);
    }

    /// <summary>find(filter, projection, options) as mongosh takes it, or find(filter, { projection, sort, … }) as
    /// the Node driver does (recognised by a <c>projection</c> document or only option names in the second argument).</summary>
    private FindCursor Find(JsValue[] args)
    {
        var filter = _context.ToBson.ToOptionalDocument(JsHelpers.Arg(args, 0), "filter") ?? [];
        var second = _context.ToBson.ToOptionalDocument(JsHelpers.Arg(args, 1), "projection");
        var options = Options(args, 2);
        if (second is not null && IsDriverOptions(second))
        {
            options = second;
            second = null;
        }

        var findOptions = new FindOptions
        {
            Projection = second ?? (options.TryGetValue("projection", out var p) && p.IsBsonDocument ? p.AsBsonDocument : null),
            Sort = options.TryGetValue("sort", out var s) && s.IsBsonDocument ? s.AsBsonDocument : null,
            Skip = options.TryGetValue("skip", out var k) && k.IsNumeric ? k.ToInt64() : null,
            Limit = options.TryGetValue("limit", out var l) && l.IsNumeric && l.ToInt64() != 0 ? Math.Abs(l.ToInt64()) : null,
        };
        var cursor = new ShellCursor(
            _context,
            (o, ct) => _collection.FindAsync(filter, Merge(findOptions, o), ct),
            ct => _collection.CountAsync(filter, ct));
        return new FindCursor(cursor.JsObject, filter, findOptions);
    }

    private static readonly HashSet<string> DriverOptionNames = ["projection", "sort", "skip", "limit", "batchSize", "maxTimeMS", "hint", "comment", "collation", "allowDiskUse"];

    // A projection naming only fields called sort/skip/limit/… would be read as options; such field names are rare.
    private static bool IsDriverOptions(BsonDocument second) =>
        second.GetValue("projection", BsonNull.Value).IsBsonDocument
        || (second.ElementCount > 0 && second.Names.All(DriverOptionNames.Contains));

    private static FindOptions Merge(FindOptions fromArguments, FindOptions fromModifiers) => new()
    {
        Projection = fromModifiers.Projection ?? fromArguments.Projection,
        Sort = fromModifiers.Sort ?? fromArguments.Sort,
        Skip = fromModifiers.Skip ?? fromArguments.Skip,
        Limit = fromModifiers.Limit ?? fromArguments.Limit,
        BatchSize = fromModifiers.BatchSize,
    };

    /// <summary>The options argument at <paramref name="index"/> as a document (empty when absent).</summary>
    private BsonDocument Options(JsValue[] args, int index) =>
        _context.ToBson.ToOptionalDocument(JsHelpers.Arg(args, index), "options") ?? [];

    private readonly record struct FindCursor(ObjectInstance JsObject, BsonDocument Filter, FindOptions Options);
}

using Ferry.Core.Storage;
using Ferry.Scripting.Conversion;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using MongoDB.Bson;

namespace Ferry.Scripting.Shell;

/// <summary>
/// <c>db</c>: a proxy over one <see cref="IDocumentDatabase"/> whose unknown properties are collections
/// (<c>db.users</c>), with mongosh's database methods (getCollection, getCollectionNames, createCollection,
/// runCommand, dropDatabase, getSiblingDB, …) and the Node driver's (<c>collection(name)</c>,
/// <c>listCollections()</c>, <c>dropCollection</c>) for migrate-mongo scripts. Collection objects are cached,
/// so <c>db.users === db.users</c>.
/// </summary>
internal sealed class ShellDatabase
{
    private readonly ShellContext _context;
    private readonly IDocumentDatabase _database;
    private readonly Func<string, ObjectInstance> _siblings;
    private readonly Dictionary<string, ObjectInstance> _collections = new(StringComparer.Ordinal);

    public ShellDatabase(ShellContext context, IDocumentDatabase database, Func<string, ObjectInstance> siblings)
    {
        _context = context;
        _database = database;
        _siblings = siblings;
        var target = new JsObject(context.Engine);
        Define(target);
        JsObject = context.Engine.Advanced.CreateProxy(target, new ShellNamespaceHandler(Collection));
    }

    public ObjectInstance JsObject { get; }

    public ObjectInstance Collection(string name)
    {
        if (!_collections.TryGetValue(name, out var collection))
        {
            if (name.Length == 0 || name.Contains('$', StringComparison.Ordinal))
            {
                throw _context.Errors.ToJavaScript(new Ferry.Query.Common.MqlException(
                    Ferry.Query.Common.ErrorCodes.InvalidNamespace, "InvalidNamespace", $"Invalid collection name: '{name}'"));
            }

            collection = new ShellCollection(_context, _database.GetCollection(name), Collection).JsObject;
            _collections[name] = collection;
        }

        return collection;
    }

    private void Define(ObjectInstance target)
    {
        _context.Method(target, "getName", (_, _) => _database.Name);
        _context.Method(target, "toString", (_, _) => _database.Name);
        target.Set("databaseName", _database.Name);
        _context.Method(target, "getCollection", (_, args) => Collection(Name(args, "getCollection")), 1);
        _context.Method(target, "collection", (_, args) => Collection(Name(args, "collection")), 1);
        _context.Method(target, "getSiblingDB", (_, args) => _siblings(Name(args, "getSiblingDB")), 1);
        _context.Method(target, "getCollectionNames", (_, _) =>
        {
            var infos = _context.Await(ct => _database.ListCollectionsAsync(ct));
            return _context.ToJs.ToJs(new BsonArray(infos.Select(i => i.Name).Order(StringComparer.Ordinal)));
        });
        _context.Method(target, "getCollectionInfos", (_, _) => _context.ToJs.ToJs(CollectionInfos()));
        _context.Method(target, "listCollections", (_, _) =>
        {
            var infos = CollectionInfos();
            return new ShellCursor(_context, (_, _) => infos.Select(i => i.AsBsonDocument).ToAsyncEnumerable(), null).JsObject;
        });
        _context.Method(target, "createCollection", (_, args) =>
        {
            var name = Name(args, "createCollection");
            var options = _context.ToBson.ToOptionalDocument(JsHelpers.Arg(args, 1), "options");
            _context.Await(ct => _database.CreateCollectionAsync(name, options is { ElementCount: > 0 } ? options : null, ct));
            return _context.ToJs.ToJs(new BsonDocument("ok", 1));
        }, 2);
        _context.Method(target, "dropCollection", (_, args) =>
        {
            var name = Name(args, "dropCollection");
            _context.Await(ct => _database.DropCollectionAsync(name, ct));
            return JsBoolean.True;
        }, 1);
        _context.Method(target, "runCommand", (_, args) => RunCommand(args), 1);
        _context.Method(target, "command", (_, args) => RunCommand(args), 1);
        _context.Method(target, "dropDatabase", (_, _) =>
        {
            _context.Await(ct => _database.Store.DropDatabaseAsync(_database.Name, ct));
            return _context.ToJs.ToJs(new BsonDocument { { "ok", 1 }, { "dropped", _database.Name } });
        });
        _context.Method(target, "stats", (_, _) =>
        {
            var stats = _context.Await(ct => _database.GetStatsAsync(ct));
            return _context.ToJs.ToJs(new BsonDocument
            {
                { "db", stats.Database },
                { "collections", stats.Collections },
                { "objects", WriteResults.Count(stats.Objects) },
                { "dataSize", WriteResults.Count(stats.DataSize) },
                { "storageSize", WriteResults.Count(stats.StorageSize) },
                { "indexes", stats.Indexes },
                { "indexSize", WriteResults.Count(stats.IndexSize) },
                { "ok", 1 },
            });
        });
    }

    /// <summary>runCommand("ping") or runCommand({ collMod: "users", validator: … }): passed to the store.</summary>
    private JsValue RunCommand(JsValue[] args)
    {
        var first = JsHelpers.Arg(args, 0);
        var command = first.IsString() ? new BsonDocument(first.AsString(), 1) : _context.ToBson.ToDocument(first, "command");
        var result = _context.Await(ct => _database.RunCommandAsync(command, ct));
        return _context.ToJs.ToJs(result);
    }

    private BsonArray CollectionInfos()
    {
        var infos = _context.Await(ct => _database.ListCollectionsAsync(ct));
        return new BsonArray(infos.Select(i => new BsonDocument
        {
            { "name", i.Name },
            { "type", i.Type },
            { "options", i.Options },
        }));
    }

    private string Name(JsValue[] args, string method) =>
        JsHelpers.Arg(args, 0) is var name && name.IsString() && name.AsString().Length > 0
            ? name.AsString()
            : throw JsHelpers.TypeError(_context.Engine, $"{method}() needs a collection name");
}

using Ferry.Scripting.Conversion;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using MongoDB.Bson;

namespace Ferry.Scripting.Shell;

/// <summary>Index and collection-level methods of <c>db.&lt;collection&gt;</c>: createIndex(es), dropIndex(es),
/// getIndexes, drop, renameCollection, stats.</summary>
internal sealed partial class ShellCollection
{
    private void DefineIndexesAndAdmin(ObjectInstance target)
    {
        _context.Method(target, "createIndex", (_, args) =>
        {
            var spec = IndexSpec(JsHelpers.Arg(args, 0), Options(args, 1));
            var names = _context.Await(ct => _collection.CreateIndexesAsync([spec], ct));
            return names[0];
        }, 2);
        _context.Method(target, "createIndexes", (_, args) =>
        {
            if (!JsHelpers.Arg(args, 0).IsArray())
            {
                throw JsHelpers.TypeError(_context.Engine, "createIndexes() needs an array of index keys");
            }

            var options = Options(args, 1);
            // Each entry is a key document ({a: 1}, mongosh) or a full spec ({key: {a: 1}, name}, the Node driver).
            var specs = args[0].AsArray().Select(k =>
            {
                var keyOrSpec = _context.ToBson.ToDocument(k, "index keys");
                return keyOrSpec.Contains("key") && keyOrSpec["key"].IsBsonDocument
                    ? keyOrSpec.Merge(options, overwriteExistingElements: false)
                    : IndexSpec(keyOrSpec, options);
            }).ToList();
            var names = _context.Await(ct => _collection.CreateIndexesAsync(specs, ct));
            return _context.ToJs.ToJs(new BsonArray(names));
        }, 2);
        _context.Method(target, "dropIndex", (_, args) =>
        {
            var before = _context.Await(ct => _collection.ListIndexesAsync(ct));
            var name = IndexName(JsHelpers.Arg(args, 0), before);
            _context.Await(ct => _collection.DropIndexAsync(name, ct));
            return _context.ToJs.ToJs(new BsonDocument { { "nIndexesWas", before.Count }, { "ok", 1 } });
        }, 1);
        _context.Method(target, "dropIndexes", (_, args) =>
        {
            var before = _context.Await(ct => _collection.ListIndexesAsync(ct));
            var which = JsHelpers.Arg(args, 0);
            var names = which.IsUndefined() || (which.IsString() && which.AsString() == "*")
                ? before.Select(i => i["name"].AsString).Where(n => n != "_id_").ToList()
                : which.IsArray()
                    ? which.AsArray().Select(n => IndexName(n, before)).ToList()
                    : [IndexName(which, before)];
            foreach (var name in names)
            {
                _context.Await(ct => _collection.DropIndexAsync(name, ct));
            }

            return _context.ToJs.ToJs(new BsonDocument { { "nIndexesWas", before.Count }, { "ok", 1 } });
        }, 1);
        _context.Method(target, "getIndexes", (_, _) => ListIndexes());
        _context.Method(target, "indexes", (_, _) => ListIndexes());
        _context.Method(target, "drop", (_, _) =>
        {
            _context.Await(ct => _collection.Database.DropCollectionAsync(_collection.Name, ct));
            return JsBoolean.True;
        });
        _context.Method(target, "renameCollection", (_, args) => Rename(args), 2);
        _context.Method(target, "rename", (_, args) => Rename(args), 2);
        _context.Method(target, "stats", (_, _) =>
        {
            var stats = _context.Await(ct => _collection.GetStatsAsync(ct));
            return _context.ToJs.ToJs(new BsonDocument
            {
                { "ns", stats.Namespace },
                { "count", WriteResults.Count(stats.Count) },
                { "size", WriteResults.Count(stats.DataSize) },
                { "avgObjSize", WriteResults.Count(stats.AverageObjectSize) },
                { "storageSize", WriteResults.Count(stats.StorageSize) },
                { "nindexes", stats.IndexCount },
                { "totalIndexSize", WriteResults.Count(stats.TotalIndexSize) },
                { "indexSizes", new BsonDocument(stats.IndexSizes.Select(p => new BsonElement(p.Key, WriteResults.Count(p.Value)))) },
                { "ok", 1 },
            });
        });
    }

    private JsValue ListIndexes() =>
        _context.ToJs.ToJs(new BsonArray(_context.Await(ct => _collection.ListIndexesAsync(ct))));

    /// <summary>rename(newName, dropTarget) as mongosh takes it, or rename(newName, { dropTarget }) as the Node driver does.</summary>
    private JsValue Rename(JsValue[] args)
    {
        var to = JsHelpers.Arg(args, 0).IsString() ? args[0].AsString() : throw JsHelpers.TypeError(_context.Engine, "renameCollection() needs the new name");
        var second = JsHelpers.Arg(args, 1);
        var dropTarget = second.IsBoolean() ? second.AsBoolean() : Options(args, 1).GetValue("dropTarget", false).ToBoolean();
        _context.Await(ct => _collection.Database.RenameCollectionAsync(_collection.Name, to, dropTarget, ct));
        return _context.ToJs.ToJs(new BsonDocument("ok", 1));
    }

    private BsonDocument IndexSpec(JsValue keys, BsonDocument options)
    {
        var spec = new BsonDocument("key", _context.ToBson.ToDocument(keys, "index keys"));
        return IndexSpec(spec["key"].AsBsonDocument, options);
    }

    private static BsonDocument IndexSpec(BsonDocument keys, BsonDocument options)
    {
        var spec = new BsonDocument("key", keys);
        foreach (var option in options)
        {
            // "background" is accepted and ignored by MongoDB 4.2+; keep the spec as the user wrote it otherwise.
            spec[option.Name] = option.Value;
        }

        return spec;
    }

    private string IndexName(JsValue which, IReadOnlyList<BsonDocument> indexes)
    {
        if (which.IsString())
        {
            return which.AsString();
        }

        var keys = _context.ToBson.ToDocument(which, "index name or keys");
        return indexes.FirstOrDefault(i => i["key"].AsBsonDocument.Equals(keys))?["name"].AsString
            ?? throw _context.Errors.ToJavaScript(new Ferry.Query.Common.MqlException(
                Ferry.Query.Common.ErrorCodes.IndexNotFound, "IndexNotFound", $"can't find index with key: {keys.ToJson()}"));
    }
}

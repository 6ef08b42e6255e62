using Ferry.Core.Storage;
using Ferry.Query.Common;
using Ferry.Query.Filters;
using Ferry.Store.Embedded.Storage;
using MongoDB.Bson;

namespace Ferry.Store.Embedded;

/// <summary>
/// The database commands the embedded store answers, with MongoDB's reply shapes: ping, hello/isMaster, buildInfo,
/// create, drop, collMod, listCollections, listIndexes, createIndexes, dropIndexes, count, distinct, dbStats,
/// collStats, renameCollection, explain (of a find: the plan the query planner chooses) and ferryQuickCheck (SQLite's quick_check of the file). Any other command fails with CommandNotFound (59) as an unknown command does on MongoDB.
/// </summary>
internal sealed class CommandRunner(EmbeddedDatabase database)
{
    public async Task<BsonDocument> RunAsync(BsonDocument command, CancellationToken cancellationToken)
    {
        if (command.ElementCount == 0)
        {
            throw ErrorCodes.Create(ErrorCodes.CommandNotFound, "no such command: ''");
        }

        var name = command.GetElement(0).Name;
        var argument = command[0];
        switch (name)
        {
            case "ping":
                return Ok();
            case "hello":
            case "isMaster":
            case "ismaster":
                return Hello(database.Time);
            case "buildInfo":
            case "buildinfo":
                var sqlite = EmbeddedStore.SqliteVersion();
                return Ok(new BsonDocument
                {
                    { "version", "7.0.0" },
                    { "versionArray", new BsonArray { 7, 0, 0, 0 } },
                    { "gitVersion", "ferry-embedded" },
                    { "storageEngines", new BsonArray { "sqlite" } },
                    { "sqliteVersion", sqlite },
                    { "maxBsonObjectSize", Documents.MaxUserSize },
                });
            case "create":
                var options = new BsonDocument(command.Skip(1).Where(e => !IsGeneric(e.Name)));
                await database.CreateCollectionAsync(Text(argument, name), options, cancellationToken).ConfigureAwait(false);
                return Ok();
            case "drop":
                await database.DropCollectionAsync(Text(argument, name), cancellationToken).ConfigureAwait(false);
                return Ok(new BsonDocument("ns", database.Name + "." + Text(argument, name)));
            case "collMod":
                await CollModAsync(Text(argument, name), command, cancellationToken).ConfigureAwait(false);
                return Ok();
            case "listCollections":
                return await ListCollectionsAsync(command, cancellationToken).ConfigureAwait(false);
            case "listIndexes":
                var indexes = await Collection(argument, name).ListIndexesAsync(cancellationToken).ConfigureAwait(false);
                return Cursor(database.Name + "." + Text(argument, name), indexes);
            case "createIndexes":
                return await CreateIndexesAsync(Text(argument, name), command, cancellationToken).ConfigureAwait(false);
            case "dropIndexes":
            case "deleteIndexes":
                return await DropIndexesAsync(Text(argument, name), command, cancellationToken).ConfigureAwait(false);
            case "count":
                return await CountAsync(argument, command, cancellationToken).ConfigureAwait(false);
            case "distinct":
                var key = Text(command.GetValue("key", BsonNull.Value), "key");
                var values = await Collection(argument, name).DistinctAsync(key, QueryOf(command), cancellationToken).ConfigureAwait(false);
                return Ok(new BsonDocument("values", new BsonArray(values)));
            case "dbStats":
            case "dbstats":
                return DbStats(await database.GetStatsAsync(cancellationToken).ConfigureAwait(false));
            case "collStats":
                return CollStats(await Collection(argument, name).GetStatsAsync(cancellationToken).ConfigureAwait(false));
            case "renameCollection":
                return await RenameAsync(argument, command, cancellationToken).ConfigureAwait(false);
            case "ferryQuickCheck":
                // Not a MongoDB command: the embedded file's integrity (SQLite quick_check), for health checks.
                return Ok(new BsonDocument("result", await database.QuickCheckAsync(cancellationToken).ConfigureAwait(false)));
            case "explain":
                return await ExplainAsync(argument, cancellationToken).ConfigureAwait(false);
            default:
                throw ErrorCodes.Create(ErrorCodes.CommandNotFound, $"no such command: '{name}'");
        }
    }

    private static bool IsGeneric(string field) => field is "$db" or "lsid" or "writeConcern" or "comment" or "maxTimeMS" or "$readPreference";

    private static BsonDocument Ok(BsonDocument? fields = null)
    {
        var reply = fields ?? new BsonDocument();
        reply["ok"] = 1.0;
        return reply;
    }

    private static string Text(BsonValue value, string field) =>
        value is BsonString s ? s.Value : throw ErrorCodes.Create(ErrorCodes.InvalidNamespace, $"collection name has invalid type {value.BsonType.ToString().ToLowerInvariant()} for field '{field}'");

    private static BsonDocument? QueryOf(BsonDocument command) =>
        command.TryGetValue("query", out var query) && query is BsonDocument q ? q : null;

    private static BsonDocument Cursor(string ns, IEnumerable<BsonDocument> batch) =>
        Ok(new BsonDocument("cursor", new BsonDocument { { "id", 0L }, { "ns", ns }, { "firstBatch", new BsonArray(batch) } }));

    private static BsonDocument Hello(TimeProvider time) => Ok(new BsonDocument
    {
        { "isWritablePrimary", true },
        { "ismaster", true },
        { "topologyVersion", new BsonDocument { { "processId", ObjectId.Empty }, { "counter", 0L } } },
        { "maxBsonObjectSize", Documents.MaxUserSize },
        { "maxMessageSizeBytes", 48_000_000 },
        { "maxWriteBatchSize", 100_000 },
        { "localTime", new BsonDateTime(time.GetUtcNow().UtcDateTime) },
        { "minWireVersion", 0 },
        { "maxWireVersion", 21 },
        { "readOnly", false },
    });

    private static BsonDocument DbStats(DatabaseStats stats) => Ok(new BsonDocument
    {
        { "db", stats.Database },
        { "collections", stats.Collections },
        { "views", 0 },
        { "objects", stats.Objects },
        { "avgObjSize", stats.Objects == 0 ? 0.0 : (double)stats.DataSize / stats.Objects },
        { "dataSize", (double)stats.DataSize },
        { "storageSize", (double)stats.StorageSize },
        { "indexes", stats.Indexes },
        { "indexSize", (double)stats.IndexSize },
        { "totalSize", (double)(stats.StorageSize) },
    });

    private static BsonDocument CollStats(CollectionStats stats) => Ok(new BsonDocument
    {
        { "ns", stats.Namespace },
        { "count", stats.Count },
        { "size", stats.DataSize },
        { "avgObjSize", stats.AverageObjectSize },
        { "storageSize", stats.StorageSize },
        { "nindexes", stats.IndexCount },
        { "totalIndexSize", stats.TotalIndexSize },
        { "indexSizes", new BsonDocument(stats.IndexSizes.Select(kv => new BsonElement(kv.Key, kv.Value))) },
    });

    private EmbeddedCollection Collection(BsonValue argument, string field) =>
        (EmbeddedCollection)database.GetCollection(Text(argument, field));

    private async Task CollModAsync(string collection, BsonDocument command, CancellationToken cancellationToken)
    {
        var changes = new BsonDocument(command.Skip(1).Where(e => !IsGeneric(e.Name)));
        foreach (var change in changes)
        {
            if (change.Name is not ("validator" or "validationLevel" or "validationAction"))
            {
                throw ErrorCodes.Create(ErrorCodes.InvalidOptions, $"option not supported on the embedded store: {change.Name}");
            }
        }

        database.CheckCollectionOptions(changes);
        await database.File.WriteAsync(
            session =>
            {
                var meta = Catalog.Find(session, collection) ?? throw ErrorCodes.Create(ErrorCodes.NamespaceNotFound, $"ns does not exist: {database.Name}.{collection}");
                var options = meta.Options.DeepClone().AsBsonDocument;
                foreach (var change in changes)
                {
                    options[change.Name] = change.Value;
                }

                Catalog.SetOptions(session, meta.Id, options);
                return 0;
            },
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<BsonDocument> ListCollectionsAsync(BsonDocument command, CancellationToken cancellationToken)
    {
        var filter = command.TryGetValue("filter", out var f) && f is BsonDocument fd && fd.ElementCount > 0 ? FilterMatcher.Compile(fd) : null;
        var nameOnly = command.TryGetValue("nameOnly", out var n) && n.ToBoolean();
        var entries = new List<BsonDocument>();
        foreach (var info in await database.ListCollectionsAsync(cancellationToken).ConfigureAwait(false))
        {
            var entry = nameOnly
                ? new BsonDocument { { "name", info.Name }, { "type", info.Type } }
                : new BsonDocument
                {
                    { "name", info.Name },
                    { "type", info.Type },
                    { "options", info.Options },
                    { "info", new BsonDocument { { "readOnly", false }, { "uuid", new BsonBinaryData(Guid.ParseExact(info.Uuid!, "N"), GuidRepresentation.Standard) } } },
                    { "idIndex", EmbeddedCollection.IdIndexSpec },
                };
            if (filter is null || filter.Matches(entry))
            {
                entries.Add(entry);
            }
        }

        return Cursor(database.Name + ".$cmd.listCollections", entries);
    }

    private async Task<BsonDocument> CreateIndexesAsync(string collection, BsonDocument command, CancellationToken cancellationToken)
    {
        if (!command.TryGetValue("indexes", out var indexes) || indexes is not BsonArray list)
        {
            throw ErrorCodes.Create(ErrorCodes.FailedToParse, "BSON field 'createIndexes.indexes' is missing but a required field");
        }

        var target = (EmbeddedCollection)database.GetCollection(collection);
        var existed = (await database.ListCollectionsAsync(cancellationToken).ConfigureAwait(false)).Any(c => c.Name == collection);
        var before = existed ? (await target.ListIndexesAsync(cancellationToken).ConfigureAwait(false)).Count : 1;
        await target.CreateIndexesAsync(list.Select(i => i.AsBsonDocument).ToList(), cancellationToken).ConfigureAwait(false);
        var after = (await target.ListIndexesAsync(cancellationToken).ConfigureAwait(false)).Count;
        return Ok(new BsonDocument
        {
            { "numIndexesBefore", before },
            { "numIndexesAfter", after },
            { "createdCollectionAutomatically", !existed },
        });
    }

    private async Task<BsonDocument> DropIndexesAsync(string collection, BsonDocument command, CancellationToken cancellationToken)
    {
        var target = (EmbeddedCollection)database.GetCollection(collection);
        var indexes = await target.ListIndexesAsync(cancellationToken).ConfigureAwait(false);
        var which = command.GetValue("index", BsonNull.Value);
        var names = which switch
        {
            BsonString s => [s.Value],
            BsonArray a => a.Select(v => v.AsString).ToList(),
            BsonDocument key => [indexes.FirstOrDefault(i => i["key"].Equals(key))?["name"].AsString
                ?? throw ErrorCodes.Create(ErrorCodes.IndexNotFound, $"can't find index with key: {key}")],
            _ => throw ErrorCodes.Type("BSON field 'dropIndexes.index' is the wrong type"),
        };
        foreach (var name in names)
        {
            await target.DropIndexAsync(name, cancellationToken).ConfigureAwait(false);
        }

        return Ok(new BsonDocument("nIndexesWas", indexes.Count));
    }

    private async Task<BsonDocument> CountAsync(BsonValue argument, BsonDocument command, CancellationToken cancellationToken)
    {
        var collection = Collection(argument, "count");
        var skip = command.TryGetValue("skip", out var s) ? s.ToInt64() : 0;
        var limit = command.TryGetValue("limit", out var l) ? Math.Abs(l.ToInt64()) : 0;
        var count = await collection.CountAsync(QueryOf(command), cancellationToken).ConfigureAwait(false);
        count = Math.Max(0, count - skip);
        if (limit > 0)
        {
            count = Math.Min(count, limit);
        }

        return Ok(new BsonDocument("n", count));
    }

    private async Task<BsonDocument> RenameAsync(BsonValue argument, BsonDocument command, CancellationToken cancellationToken)
    {
        var from = Text(argument, "renameCollection");
        var to = Text(command.GetValue("to", BsonNull.Value), "to");
        var prefix = database.Name + ".";
        if (!from.StartsWith(prefix, StringComparison.Ordinal) || !to.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw ErrorCodes.Create(ErrorCodes.IllegalOperation, $"the embedded store renames within one database only: {from} → {to}");
        }

        var dropTarget = command.TryGetValue("dropTarget", out var d) && d.ToBoolean();
        await database.RenameCollectionAsync(from[prefix.Length..], to[prefix.Length..], dropTarget, cancellationToken).ConfigureAwait(false);
        return Ok();
    }

    /// <summary><c>{ explain: { find: C, filter: F } }</c>: the planner's choice without running the query, in MongoDB's
    /// queryPlanner shape (<c>IXSCAN</c> with the index name under <c>FETCH</c>, or <c>COLLSCAN</c>). Not counted as an index use.</summary>
    private async Task<BsonDocument> ExplainAsync(BsonValue argument, CancellationToken cancellationToken)
    {
        if (argument is not BsonDocument { ElementCount: > 0 } explained || explained.GetElement(0).Name != "find")
        {
            throw ErrorCodes.Create(ErrorCodes.CommandNotFound, "explain: the embedded store explains find commands only");
        }

        var collection = Text(explained[0], "find");
        var filter = explained.GetValue("filter", new BsonDocument()) as BsonDocument ?? throw ErrorCodes.Type("explain: 'filter' must be an object");
        var used = await database.File.ReadAsync(
            session => Catalog.Find(session, collection) is { } meta ? Query.QueryPlan.For(filter, meta.Indexes).UsedIndex : null,
            null,
            cancellationToken).ConfigureAwait(false);
        var winning = used is null
            ? new BsonDocument { { "stage", "COLLSCAN" }, { "filter", filter } }
            : new BsonDocument { { "stage", "FETCH" }, { "inputStage", new BsonDocument { { "stage", "IXSCAN" }, { "indexName", used } } } };
        return Ok(new BsonDocument("queryPlanner", new BsonDocument { { "namespace", database.Name + "." + collection }, { "parsedQuery", filter }, { "winningPlan", winning } }));
    }
}

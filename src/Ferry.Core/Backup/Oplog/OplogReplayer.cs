using Ferry.Core.Backup.Formats;
using Ferry.Core.Storage;
using Ferry.Query.Common;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;

namespace Ferry.Core.Backup.Oplog;

/// <summary>
/// Replays a dump's oplog (mongodump <c>--oplog</c>) after the data, in order, on the restored namespaces only (the
/// same --db/--ns filters and --to-db mapping): inserts and updates as idempotent upserts/updates by <c>_id</c>,
/// deletes, <c>$v: 2</c> deltas, transactions (<c>applyOps</c>), create/drop and index commands. No-ops are skipped;
/// other commands are skipped with a count in the summary.
/// </summary>
internal sealed class OplogReplayer(IDocumentStore store, Func<string, string?> mapNamespace)
{
    private readonly Dictionary<string, long> _applied = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _skipped = new(StringComparer.Ordinal);

    public async Task<string> ReplayAsync(string oplogFile, CancellationToken cancellationToken)
    {
        await using var stream = BackupStreams.OpenRead(oplogFile);
        var reader = new BsonStreamReader(stream, Path.GetFileName(oplogFile));
        while (await reader.ReadNextAsync(cancellationToken).ConfigureAwait(false) is { } bytes)
        {
            await ApplyAsync(BsonSerializer.Deserialize<BsonDocument>(bytes), cancellationToken).ConfigureAwait(false);
        }

        string Describe(Dictionary<string, long> counts) => counts.Count == 0 ? "none" : string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}"));
        return $"oplog replayed: applied {Describe(_applied)}; skipped {Describe(_skipped)}";
    }

    private async Task ApplyAsync(BsonDocument entry, CancellationToken cancellationToken)
    {
        var op = entry.GetValue("op", "").ToString()!;
        var ns = entry.GetValue("ns", "").ToString()!;
        if (op == "n")
        {
            Count(_skipped, "no-op");
            return;
        }

        if (op == "c")
        {
            await CommandAsync(ns, entry["o"].AsBsonDocument, cancellationToken).ConfigureAwait(false);
            return;
        }

        var target = mapNamespace(ns);
        if (target is null)
        {
            Count(_skipped, "not restored namespace");
            return;
        }

        var collection = Collection(target);
        var o = entry["o"].AsBsonDocument;
        WriteRequest request = op switch
        {
            "i" => o.Contains("_id") ? new ReplaceRequest(new BsonDocument("_id", o["_id"]), o, IsUpsert: true) : new InsertRequest(o),
            "d" => new DeleteRequest(o),
            "u" => OplogUpdateDiff.ToUpdate(o) is { } update
                ? new UpdateRequest(entry["o2"].AsBsonDocument, update)
                : new ReplaceRequest(entry["o2"].AsBsonDocument, o),
            _ => throw new NotSupportedException($"oplog op \"{op}\""),
        };
        await collection.BulkWriteAsync([request], new BulkWriteOptions { IsOrdered = true, BypassDocumentValidation = true }, cancellationToken).ConfigureAwait(false);
        Count(_applied, op switch { "i" => "insert", "d" => "delete", _ => "update" });
    }

    private async Task CommandAsync(string ns, BsonDocument o, CancellationToken cancellationToken)
    {
        var database = ns.EndsWith(".$cmd", StringComparison.Ordinal) ? ns[..^5] : ns;
        var name = o.ElementCount > 0 ? o.GetElement(0).Name : string.Empty;
        if (name == "applyOps")
        {
            foreach (var inner in o["applyOps"].AsBsonArray)
            {
                await ApplyAsync(inner.AsBsonDocument, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        var collectionName = o.GetValue(name, BsonNull.Value) is BsonString s ? s.Value : null;
        var target = collectionName is null ? null : mapNamespace($"{database}.{collectionName}");
        if (target is null || name is not ("create" or "drop" or "createIndexes" or "commitIndexBuild" or "dropIndexes"))
        {
            Count(_skipped, target is null ? "not restored namespace" : $"command {name}");
            return;
        }

        var (db, coll) = Split(target);
        switch (name)
        {
            case "create":
                var options = o.DeepClone().AsBsonDocument;
                options.Remove("create");
                options.Remove("idIndex");
                try
                {
                    await store.GetDatabase(db).CreateCollectionAsync(coll, options.ElementCount == 0 ? null : options, cancellationToken).ConfigureAwait(false);
                }
                catch (MqlException e) when (e.Code == ErrorCodes.NamespaceExists)
                {
                }

                break;
            case "drop":
                await store.GetDatabase(db).DropCollectionAsync(coll, cancellationToken).ConfigureAwait(false);
                break;
            case "createIndexes":
                var spec = o.DeepClone().AsBsonDocument;
                spec.Remove("createIndexes");
                spec.Remove("v");
                await Collection(target).CreateIndexesAsync([spec], cancellationToken).ConfigureAwait(false);
                break;
            case "commitIndexBuild":
                var specs = o["indexes"].AsBsonArray.Select(i =>
                {
                    var d = i.DeepClone().AsBsonDocument;
                    d.Remove("v");
                    return d;
                }).ToList();
                await Collection(target).CreateIndexesAsync(specs, cancellationToken).ConfigureAwait(false);
                break;
            case "dropIndexes":
                if (o.GetValue("index", BsonNull.Value) is BsonString index)
                {
                    await Collection(target).DropIndexAsync(index.Value, cancellationToken).ConfigureAwait(false);
                }

                break;
        }

        Count(_applied, name);
    }

    private IDocumentCollection Collection(string ns)
    {
        var (db, coll) = Split(ns);
        return store.GetDatabase(db).GetCollection(coll);
    }

    private static (string Database, string Collection) Split(string ns)
    {
        var dot = ns.IndexOf('.', StringComparison.Ordinal);
        return (ns[..dot], ns[(dot + 1)..]);
    }

    private static void Count(Dictionary<string, long> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;
}

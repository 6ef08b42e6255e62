using MongoDB.Bson;

namespace Ferry.Store.Conformance.Spec;

/// <summary>What the runner knows about the store under test, for run-on requirements and exclusions.</summary>
public sealed record SpecEnvironment(string Target, Version ServerVersion, string Topology)
{
    /// <summary>The embedded store's semantics: the embedded store itself, or served by <c>ferry serve</c> to the driver.</summary>
    public bool IsEmbedded => Target is "embedded" or Targets.MongoTarget.ServeName;
}

/// <summary>
/// THE list of spec tests that do not apply to Ferry's stores, one reason each (like the C# driver's
/// UnifiedTestSpecRunner skip list). A test is excluded by the first rule that matches; the reason is shown
/// as the skip reason. Tests excluded here do not count in the pass rate; known failures of applicable tests
/// are in <see cref="KnownFailures"/>.
/// </summary>
public static class SpecExclusions
{
    /// <summary>Arguments the store contract does not carry (they tune the driver or the query planner). Two
    /// arguments without effect on results are accepted and ignored instead (see <see cref="ArgumentReader"/>):
    /// <c>comment</c> (only visible in command events and the profiler) and find's <c>allowDiskUse</c>.</summary>
    private static readonly Dictionary<string, string> UnsupportedArguments = new(StringComparer.Ordinal)
    {
        ["session"] = "sessions are driver state; the store contract has none",
        ["hint"] = "index hints (and the server's errors for unknown indexes) are query-planner details the store contract does not carry",
        ["collation"] = "collations are not part of the store contract (the embedded store compares strings binary, as MongoDB's simple collation)",
        ["let"] = "'let' variables on CRUD commands are not part of the store contract",
        ["rawData"] = "'rawData' is an internal option for timeseries buckets",
        ["maxTimeMS"] = "server-side time limits are not part of the store contract",
        ["writeConcern"] = "write concern needs replication; a local store has none",
        ["readConcern"] = "read concern needs replication; a local store has none",
        ["timeoutMS"] = "client-side operation timeouts are driver behaviour",
    };

    /// <summary>Operations outside the store contract.</summary>
    private static readonly Dictionary<string, string> UnsupportedOperations = new(StringComparer.Ordinal)
    {
        ["clientBulkWrite"] = "client-level bulkWrite across namespaces (MongoDB 8.0's bulkWrite command) is not in the store contract",
        ["failPoint"] = "fail points are mongod test hooks",
        ["targetedFailPoint"] = "fail points are mongod test hooks",
        ["createChangeStream"] = "change streams need an oplog",
        ["watch"] = "change streams need an oplog",
    };

    public sealed record Rule(string Name, string Reason, Func<SpecTest, SpecEnvironment, bool> Applies);

    /// <summary>The rules, checked in order after the operation and argument lists and the test's own
    /// runOnRequirements (server version — the embedded store counts as MongoDB 8.0 —, topology — it counts as a
    /// standalone —, serverless "require", auth, serverParameters and csfle exclude a local store).</summary>
    public static readonly IReadOnlyList<Rule> Rules =
    [
        new("database-level aggregate", "database-level aggregate ($currentOp, $documents) has no collection and is not in the store contract",
            (test, _) => test.Operations.Any(o => o["name"] == "aggregate" && IsDatabaseEntity(test, o["object"].AsString))),
        new("session entities", "sessions and transactions are driver state; the store contract has none",
            (test, _) => test.CreateEntities.Any(e => e.AsBsonDocument.Contains("session"))),
        new("read/write concern or read preference on entities", "collection/database options (read concern, write concern w:0, read preference) configure replication behaviour a local store does not have",
            (test, _) => UsedEntities(test).Any(e => HasAny(e, "collectionOptions", "databaseOptions"))),
        new("client URI options", "client uriOptions other than retryReads/retryWrites (w, readConcernLevel) configure replication behaviour, not the store",
            (test, _) => UsedEntities(test).Any(e => e.TryGetValue("uriOptions", out var o) && o.AsBsonDocument.Names.Any(n => n is not ("retryReads" or "retryWrites")))),
        new("server reply internals", "errorResponse, errorLabels and writeConcernErrors describe the wire reply, which the store contract does not expose",
            (test, _) => test.Operations.Any(o => o.TryGetValue("expectError", out var e) && HasAny(e.AsBsonDocument, "errorResponse", "errorLabelsContain", "errorLabelsOmit", "writeConcernErrors"))),
        new("sort on updateOne/replaceOne", "the 'sort' option of updateOne/replaceOne (MongoDB 8.0) is not in the store contract",
            (test, _) => test.Operations.Any(o => o["name"].AsString is "updateOne" or "replaceOne" && Arguments(o).Contains("sort")
                || o["name"] == "bulkWrite" && Arguments(o).GetValue("requests", new BsonArray()).AsBsonArray.Any(r => r.AsBsonDocument.GetElement(0).Value.AsBsonDocument.Contains("sort")))),
        new("bypassDocumentValidation on findAndModify/aggregate", "the store contract has bypassDocumentValidation on bulk writes only",
            (test, _) => test.Operations.Any(o => o["name"].AsString is "findOneAndUpdate" or "findOneAndReplace" or "aggregate" && Arguments(o).Contains("bypassDocumentValidation"))),
        new("$out/$merge on the embedded store", "Ferry's documented aggregation subset for the embedded store has no $out/$merge (it streams client-side instead)",
            (test, env) => env.IsEmbedded && test.Operations.Any(o => o["name"] == "aggregate" && Arguments(o).GetValue("pipeline", new BsonArray()).AsBsonArray.Any(s => HasAny(s.AsBsonDocument, "$out", "$merge")))),
        new("views on the embedded store", "views (createCollection with viewOn) are not part of the embedded store",
            (test, env) => env.IsEmbedded && test.Operations.Any(o => o["name"] == "createCollection" && Arguments(o).Contains("viewOn"))),
        new("events only", "the test only checks command-monitoring events, which a store does not emit",
            (test, _) => test.ExpectsEvents && test.Outcome is null && !test.Operations.Any(o => HasAny(o, "expectResult", "expectError"))),
    ];

    /// <summary>The reason <paramref name="test"/> does not apply to the store, or null when it applies.</summary>
    public static string? Reason(SpecTest test, SpecEnvironment environment)
    {
        foreach (var operation in test.Operations)
        {
            var name = operation["name"].AsString;
            if (UnsupportedOperations.TryGetValue(name, out var operationReason))
            {
                return $"{name}: {operationReason}";
            }

            foreach (var argument in AllArguments(operation))
            {
                if (UnsupportedArguments.TryGetValue(argument, out var argumentReason))
                {
                    return $"{argument}: {argumentReason}";
                }
            }
        }

        if (RunOnRequirements.Explain(test, environment) is { } unmet)
        {
            return $"run-on requirements: {unmet}";
        }

        return Rules.FirstOrDefault(r => r.Applies(test, environment)) is { } rule ? $"{rule.Name}: {rule.Reason}" : null;
    }

    private static IEnumerable<string> AllArguments(BsonDocument operation)
    {
        var arguments = Arguments(operation);
        foreach (var name in arguments.Names)
        {
            yield return name;
        }

        if (arguments.TryGetValue("requests", out var requests) && requests is BsonArray list)
        {
            foreach (var request in list.OfType<BsonDocument>().Where(r => r.ElementCount == 1 && r[0] is BsonDocument))
            {
                foreach (var name in request[0].AsBsonDocument.Names)
                {
                    yield return name;
                }
            }
        }
    }

    private static BsonDocument Arguments(BsonDocument operation) => operation.GetValue("arguments", new BsonDocument()).AsBsonDocument;

    private static bool HasAny(BsonDocument document, params string[] names) => names.Any(document.Contains);

    private static readonly string[] ParentKinds = ["database", "client"];

    /// <summary>The entities the test's operations act on, with the database and client behind each.</summary>
    private static IEnumerable<BsonDocument> UsedEntities(SpecTest test)
    {
        var byId = test.CreateEntities.Select(e => e.AsBsonDocument.GetElement(0).Value.AsBsonDocument).Where(e => e.Contains("id")).ToDictionary(e => e["id"].AsString);
        var pending = new Queue<string>(test.Operations.Select(o => o["object"].AsString));
        var seen = new HashSet<string>();
        while (pending.Count > 0)
        {
            var id = pending.Dequeue();
            if (!seen.Add(id) || !byId.TryGetValue(id, out var entity))
            {
                continue;
            }

            yield return entity;
            foreach (var parent in ParentKinds.Where(entity.Contains))
            {
                pending.Enqueue(entity[parent].AsString);
            }
        }
    }

    private static bool IsDatabaseEntity(SpecTest test, string id) =>
        test.CreateEntities.Any(e => e.AsBsonDocument.TryGetValue("database", out var d) && d["id"] == id);
}

using Ferry.Core.Indexes;
using Ferry.Core.Runs;
using Ferry.Core.Storage;
using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Core.Troubleshooting;

/// <summary>
/// <c>ferry troubleshoot performance</c>: dbStats; operations running longer than a threshold (MongoDB's
/// <c>currentOp</c>; on a store without it, the Ferry runs the journal says are running); unused indexes and
/// indexes whose key is a prefix of another's; probe queries the planner would answer with a collection scan.
/// </summary>
public sealed class PerformanceTroubleshooter(IDocumentStore store, string databaseName, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public TimeSpan LongOperation { get; init; } = TimeSpan.FromSeconds(60);

    public IReadOnlyList<ProbeQuery> Probes { get; init; } = [];

    public async Task<TroubleshootReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var database = store.GetDatabase(databaseName);
        var stats = await database.GetStatsAsync(cancellationToken).ConfigureAwait(false);
        var findings = new List<TroubleFinding>();
        var recommendations = new List<string>();

        var (operations, source) = await LongOperationsAsync(database, cancellationToken).ConfigureAwait(false);
        findings.AddRange(operations.Select(o => new TroubleFinding("long_operation", o.Message, o.Fix)));

        var catalog = new IndexCatalog(database);
        foreach (var unused in await catalog.UnusedAsync(null, null, cancellationToken).ConfigureAwait(false))
        {
            findings.Add(new TroubleFinding("unused_index", $"{unused.Collection}.{unused.Name} {unused.Key}: no recorded use since {unused.Since?.ToUniversalTime():yyyy-MM-dd}", $"ferry indexes drop {unused.Name} --collection {unused.Collection} --confirm"));
        }

        var indexes = await catalog.ListAsync(null, cancellationToken).ConfigureAwait(false);
        foreach (var (redundant, covering) in PrefixDuplicates(indexes))
        {
            findings.Add(new TroubleFinding("duplicate_prefix_index", $"{redundant.Collection}.{redundant.Name} {redundant.Key} is a prefix of {covering.Name} {covering.Key}, which serves the same queries", $"ferry indexes drop {redundant.Name} --collection {redundant.Collection} --confirm"));
        }

        var probes = new BsonArray();
        foreach (var probe in Probes)
        {
            var scans = await ScansAsync(database, probe, cancellationToken).ConfigureAwait(false);
            probes.Add(new BsonDocument { { "name", probe.Name }, { "collection", probe.Collection }, { "filter", probe.Filter }, { "collection_scan", scans } });
            if (scans)
            {
                var key = new BsonDocument(probe.Filter.Names.Where(n => !n.StartsWith('$')).Select(n => new BsonElement(n, 1)));
                findings.Add(new TroubleFinding("collection_scan", $"{probe.Name}: {probe.Collection} {probe.Filter} is answered by a collection scan", key.ElementCount > 0 ? $"declare {{ key: {key} }} for {probe.Collection} in an index file and run ferry indexes apply FILE" : null));
            }
        }

        if (stats.Objects > 0 && stats.IndexSize > stats.DataSize)
        {
            recommendations.Add($"indexes take {stats.IndexSize:N0} bytes, more than the data ({stats.DataSize:N0}): review ferry indexes usage");
        }

        if (findings.Count == 0)
        {
            recommendations.Add("nothing to change: no long operations, unused or duplicate indexes, or scanning probes");
        }

        var facts = new BsonDocument
        {
            { "db_stats", new BsonDocument { { "collections", stats.Collections }, { "objects", stats.Objects }, { "data_bytes", stats.DataSize }, { "storage_bytes", stats.StorageSize }, { "indexes", stats.Indexes }, { "index_bytes", stats.IndexSize } } },
            { "long_operations_source", source },
            { "long_operation_seconds", LongOperation.TotalSeconds },
            { "probes", probes },
        };
        return new TroubleshootReport("performance", facts, findings, recommendations);
    }

    /// <summary>Pairs (redundant, covering): same collection, the first's key a prefix of the second's (directions equal),
    /// the first neither unique nor partial (those enforce or select something of their own).</summary>
    public static IEnumerable<(IndexEntry Redundant, IndexEntry Covering)> PrefixDuplicates(IReadOnlyList<IndexEntry> indexes) =>
        from a in indexes
        from b in indexes
        where a.Collection == b.Collection && a.Name != b.Name && !a.IsUnique && !a.IsIdIndex
              && !a.Spec.Contains("partialFilterExpression") && !b.Spec.Contains("partialFilterExpression")
              && a.Key.ElementCount <= b.Key.ElementCount
              && (a.Key.ElementCount < b.Key.ElementCount || string.CompareOrdinal(a.Name, b.Name) > 0)
              && IndexSpecs.SameKey(a.Key, new BsonDocument(b.Key.Elements.Take(a.Key.ElementCount)))
        select (a, b);

    private async Task<(IReadOnlyList<(string Message, string? Fix)> Operations, string Source)> LongOperationsAsync(IDocumentDatabase database, CancellationToken cancellationToken)
    {
        try
        {
            var reply = await store.GetDatabase("admin").RunCommandAsync(
                new BsonDocument { { "currentOp", 1 }, { "active", true }, { "secs_running", new BsonDocument("$gte", (int)LongOperation.TotalSeconds) } },
                cancellationToken).ConfigureAwait(false);
            var operations = reply.GetValue("inprog", new BsonArray()).AsBsonArray.OfType<BsonDocument>()
                .Select(op => ($"opid {op.GetValue("opid", "?")} {op.GetValue("op", "?")} on {op.GetValue("ns", "?")} running {op.GetValue("secs_running", 0)} s", (string?)$"db.killOp({op.GetValue("opid", "?")}) in mongosh, if it is not meant to run this long"))
                .ToList();
            return (operations, "currentOp");
        }
        catch (MqlException e) when (e.Code == ErrorCodes.CommandNotFound)
        {
            var now = _time.GetUtcNow().UtcDateTime;
            var runs = new List<(string, string?)>();
            await foreach (var run in new RunJournal(database, _time).ListAsync(cancellationToken).ConfigureAwait(false))
            {
                if (run.GetValue("status", "").AsString == RunStatus.Running && now - run["started_at"].ToUniversalTime() >= LongOperation)
                {
                    var id = run["_id"].AsString;
                    runs.Add(($"Ferry run {id} ({run.GetValue("kind", "?")}) running for {(now - run["started_at"].ToUniversalTime()).TotalSeconds:N0} s", $"ferry runs show {id} (stop it: ferry runs stop {id})"));
                }
            }

            return (runs, "ferry runs journal (the store has no currentOp)");
        }
    }

    private static async Task<bool> ScansAsync(IDocumentDatabase database, ProbeQuery probe, CancellationToken cancellationToken)
    {
        var reply = await database.RunCommandAsync(
            new BsonDocument { { "explain", new BsonDocument { { "find", probe.Collection }, { "filter", probe.Filter } } }, { "verbosity", "queryPlanner" } },
            cancellationToken).ConfigureAwait(false);
        return HasStage(reply.GetValue("queryPlanner", new BsonDocument()).AsBsonDocument.GetValue("winningPlan", new BsonDocument()), "COLLSCAN");
    }

    private static bool HasStage(BsonValue plan, string stage) => plan switch
    {
        BsonDocument d => (d.GetValue("stage", BsonNull.Value) is BsonString s && s.Value == stage) || d.Values.Any(v => HasStage(v, stage)),
        BsonArray a => a.Any(v => HasStage(v, stage)),
        _ => false,
    };
}

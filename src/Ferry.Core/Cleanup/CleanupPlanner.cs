using Ferry.Core.Backup;
using Ferry.Core.Quarantine;
using Ferry.Core.Runs;
using Ferry.Core.Storage;
using Ferry.Core.Transform;
using MongoDB.Bson;

namespace Ferry.Core.Cleanup;

/// <summary>
/// The dry-run view of <c>ferry cleanup</c>: what would go and what stays, read without writing anything. Ferry's own
/// state past its age — finished runs' journals and id maps, restored quarantine entries, temporary collections
/// (<c>_ferry_tmp_*</c>) and scratch databases (<c>ferry_scratch_*</c>, <c>_ferry_tmp_*</c>) — old backups beyond the
/// retention (never the last good one), and demo data with what references it. State of a running run is never
/// listed for removal.
/// </summary>
public sealed class CleanupPlanner(IDocumentStore store, string database, TimeProvider? time = null)
{
    public const string TemporaryPrefix = "_ferry_tmp_";
    public static readonly IReadOnlyList<string> ScratchDatabasePrefixes = ["ferry_scratch_", "_ferry_tmp_"];

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Everything cleanup would do, demo data included.</summary>
    public async Task<IReadOnlyList<CleanupItem>> PlanAsync(CleanupOptions options, CancellationToken cancellationToken = default) =>
        [.. await DemoAsync(options, cancellationToken).ConfigureAwait(false), .. await StateAsync(options, cancellationToken).ConfigureAwait(false)];

    /// <summary>Demo data by the markers and, per collection, the documents referencing it.</summary>
    public async Task<IReadOnlyList<CleanupItem>> DemoAsync(CleanupOptions options, CancellationToken cancellationToken = default)
    {
        if (options.DemoMarkers is null)
        {
            return [];
        }

        var db = store.GetDatabase(database);
        var remover = new DemoDataRemover(_time);
        var found = await remover.IdentifyAsync(db, options.DemoMarkers, 0, cancellationToken).ConfigureAwait(false);
        var cascaded = await remover.CountCascadeAsync(db, options.DemoMarkers, options.DemoCascade, cancellationToken).ConfigureAwait(false);
        return
        [
            .. found.Where(f => f.Count > 0).Select(f => new CleanupItem(CleanupKinds.DemoData, $"{database}.{f.Collection} (demo marker)", f.Count, HoldsUserData: true)),
            .. cascaded.Select(c => new CleanupItem(CleanupKinds.DemoData, $"{database}.{c.Key} (references demo data)", c.Value, HoldsUserData: true)),
        ];
    }

    /// <summary>Ferry's own state and backups (everything but demo data).</summary>
    public async Task<IReadOnlyList<CleanupItem>> StateAsync(CleanupOptions options, CancellationToken cancellationToken = default)
    {
        var db = store.GetDatabase(database);
        var cutoff = _time.GetUtcNow().UtcDateTime - options.OlderThan;
        var items = new List<CleanupItem>();
        var running = new List<string>();
        var finished = new List<string>();
        await foreach (var run in new RunJournal(db, _time).ListAsync(cancellationToken).ConfigureAwait(false))
        {
            var status = run.GetValue("status", "").AsString;
            if (status == RunStatus.Running)
            {
                running.Add(run["_id"].AsString);
            }
            else if (RunStatus.IsFinished(status) && run.GetValue("ended_at", BsonNull.Value) is BsonDateTime ended && ended.ToUniversalTime() < cutoff)
            {
                finished.Add(run["_id"].AsString);
            }
        }

        if (finished.Count > 0)
        {
            items.Add(new CleanupItem(CleanupKinds.RunJournal, $"{database}.{RunJournal.CollectionName}", finished.Count, HoldsUserData: false) { RunIds = finished });
            var mapped = await db.GetCollection(IdMap.CollectionName).CountAsync(RunsFilter("run", finished), cancellationToken).ConfigureAwait(false);
            if (mapped > 0)
            {
                items.Add(new CleanupItem(CleanupKinds.IdMap, $"{database}.{IdMap.CollectionName}", mapped, HoldsUserData: false) { RunIds = finished });
            }
        }

        var restored = await db.GetCollection(QuarantineStore.CollectionName).CountAsync(RestoredBefore(cutoff, running), cancellationToken).ConfigureAwait(false);
        if (restored > 0)
        {
            // The documents are back in their collections: the quarantine copy is a duplicate.
            items.Add(new CleanupItem(CleanupKinds.RestoredQuarantine, $"{database}.{QuarantineStore.CollectionName}", restored, HoldsUserData: false));
        }

        var busy = running.Count > 0 ? $"run {running[0]} is running; temporary data may be its own" : null;
        foreach (var collection in (await db.ListCollectionsAsync(cancellationToken).ConfigureAwait(false)).Where(c => c.Name.StartsWith(TemporaryPrefix, StringComparison.Ordinal)))
        {
            var count = await db.GetCollection(collection.Name).EstimatedCountAsync(cancellationToken).ConfigureAwait(false);
            items.Add(new CleanupItem(CleanupKinds.TemporaryCollection, $"{database}.{collection.Name}", count, HoldsUserData: true) { KeptBecause = busy });
        }

        foreach (var scratch in (await store.ListDatabaseNamesAsync(cancellationToken).ConfigureAwait(false)).Where(IsScratchDatabase))
        {
            var stats = await store.GetDatabase(scratch).GetStatsAsync(cancellationToken).ConfigureAwait(false);
            items.Add(new CleanupItem(CleanupKinds.ScratchDatabase, scratch, stats.Objects, HoldsUserData: true) { KeptBecause = busy });
        }

        if (options.BackupRoot is not null)
        {
            items.AddRange(await BackupsAsync(options, cutoff, cancellationToken).ConfigureAwait(false));
        }

        return items;
    }

    public static bool IsScratchDatabase(string name) => ScratchDatabasePrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));

    internal static BsonDocument RunsFilter(string field, IReadOnlyList<string> runIds) =>
        new(field, new BsonDocument("$in", new BsonArray(runIds)));

    /// <summary>Quarantine entries restored before <paramref name="cutoff"/>, of runs not running now.</summary>
    internal static BsonDocument RestoredBefore(DateTime cutoff, IReadOnlyList<string> running) => new()
    {
        { "restored_at", new BsonDocument { { "$ne", BsonNull.Value }, { "$lt", cutoff } } },
        { "run_id", new BsonDocument("$nin", new BsonArray(running)) },
    };

    /// <summary>Backups past the age and beyond the newest <see cref="CleanupOptions.BackupsKeep"/>; the newest backup
    /// that verifies is kept always, and when none verifies, none is removed.</summary>
    private async Task<IReadOnlyList<CleanupItem>> BackupsAsync(CleanupOptions options, DateTime cutoff, CancellationToken cancellationToken)
    {
        var entries = await new BackupCatalog(options.BackupRoot!).ListAsync(cancellationToken).ConfigureAwait(false);
        var old = entries.Skip(options.BackupsKeep).Where(e => e.Manifest.Created.UtcDateTime < cutoff).ToList();
        if (old.Count == 0)
        {
            return [];
        }

        var lastGood = await new BackupService(_time).LastGoodAsync(options.BackupRoot!, cancellationToken).ConfigureAwait(false);
        return old.Select(e => new CleanupItem(CleanupKinds.Backup, e.Tag, FolderBytes(e.Path), HoldsUserData: false)
        {
            KeptBecause = lastGood is null ? "no backup verifies: none is removed until one does"
                : lastGood.Value.Entry.Tag == e.Tag ? "the last good backup (the newest that verifies)"
                : null,
        }).ToList();
    }

    private static long FolderBytes(string folder) =>
        Directory.Exists(folder) ? new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) : 0;
}

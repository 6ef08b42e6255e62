using Ferry.Core.Backup;
using Ferry.Core.Quarantine;
using Ferry.Core.Runs;
using Ferry.Core.Storage;
using Ferry.Core.Transform;
using MongoDB.Bson;

namespace Ferry.Core.Cleanup;

/// <summary>
/// <c>ferry cleanup --confirm</c>. Demo data goes first through <see cref="DemoDataRemover"/> (verified backup, then
/// a cascading delete). The rest is planned again under the database's run lock — so no run can start in between and
/// no running run's state is touched — and whatever holds user data (temporary collections, scratch databases) is
/// backed up and verified before anything is removed; a backup that does not verify stops the cleanup.
/// </summary>
public sealed class CleanupRunner(IDocumentStore store, string database, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<CleanupResult> ApplyAsync(CleanupOptions options, CancellationToken cancellationToken = default)
    {
        var planner = new CleanupPlanner(store, database, _time);
        var backupRoot = options.BackupRoot ?? "backups";
        var safety = new List<string>();
        var items = new List<CleanupItem>();
        if (options.DemoMarkers is not null)
        {
            items.AddRange(await planner.DemoAsync(options, cancellationToken).ConfigureAwait(false));
            if (items.Count > 0)
            {
                var removal = await new DemoDataRemover(_time).RemoveAsync(store, database, options.DemoMarkers, options.DemoCascade, backupRoot, options.LockOptions, cancellationToken).ConfigureAwait(false);
                safety.Add(removal.BackupTag);
            }
        }

        var db = store.GetDatabase(database);
        await using var runLock = await DatabaseRunLock.AcquireAsync(db, "cleanup", null, options.LockOptions, cancellationToken).ConfigureAwait(false);
        var state = await planner.StateAsync(options, cancellationToken).ConfigureAwait(false);
        var remove = state.Where(i => i.Removed).ToList();
        safety.AddRange(await BackUpUserDataAsync(remove, backupRoot, cancellationToken).ConfigureAwait(false));
        var cutoff = _time.GetUtcNow().UtcDateTime - options.OlderThan;
        foreach (var item in remove)
        {
            await RemoveAsync(db, item, cutoff, options, cancellationToken).ConfigureAwait(false);
        }

        items.AddRange(state);
        return new CleanupResult(items, Applied: true) { SafetyBackups = safety };
    }

    private async Task RemoveAsync(IDocumentDatabase db, CleanupItem item, DateTime cutoff, CleanupOptions options, CancellationToken cancellationToken)
    {
        switch (item.Kind)
        {
            case CleanupKinds.RunJournal:
                await DeleteAsync(db, RunJournal.CollectionName, CleanupPlanner.RunsFilter("_id", item.RunIds), cancellationToken).ConfigureAwait(false);
                break;
            case CleanupKinds.IdMap:
                await DeleteAsync(db, IdMap.CollectionName, CleanupPlanner.RunsFilter("run", item.RunIds), cancellationToken).ConfigureAwait(false);
                break;
            case CleanupKinds.RestoredQuarantine:
                await DeleteAsync(db, QuarantineStore.CollectionName, CleanupPlanner.RestoredBefore(cutoff, []), cancellationToken).ConfigureAwait(false);
                break;
            case CleanupKinds.TemporaryCollection:
                await db.DropCollectionAsync(item.Target[(database.Length + 1)..], cancellationToken).ConfigureAwait(false);
                break;
            case CleanupKinds.ScratchDatabase:
                await store.DropDatabaseAsync(item.Target, cancellationToken).ConfigureAwait(false);
                break;
            case CleanupKinds.Backup:
                Directory.Delete(new BackupCatalog(options.BackupRoot!).FolderOf(item.Target), recursive: true);
                break;
        }
    }

    private static Task DeleteAsync(IDocumentDatabase db, string collection, BsonDocument filter, CancellationToken cancellationToken) =>
        db.GetCollection(collection).BulkWriteAsync([new DeleteRequest(filter, IsMulti: true)], cancellationToken: cancellationToken);

    /// <summary>One verified backup of the temporary collections, one per scratch database; their tags.</summary>
    private async Task<IReadOnlyList<string>> BackUpUserDataAsync(IReadOnlyList<CleanupItem> remove, string backupRoot, CancellationToken cancellationToken)
    {
        var tags = new List<string>();
        var stamp = $"pre-cleanup-{_time.GetUtcNow():yyyyMMdd-HHmmss}";
        var temporary = remove.Where(i => i.Kind == CleanupKinds.TemporaryCollection).Select(i => i.Target[(database.Length + 1)..]).ToList();
        if (temporary.Count > 0)
        {
            tags.Add(await BackUpAsync(stamp, database, temporary, backupRoot, cancellationToken).ConfigureAwait(false));
        }

        foreach (var scratch in remove.Where(i => i.Kind == CleanupKinds.ScratchDatabase))
        {
            tags.Add(await BackUpAsync($"{stamp}-{scratch.Target.TrimStart('_')}", scratch.Target, [], backupRoot, cancellationToken).ConfigureAwait(false));
        }

        return tags;
    }

    private async Task<string> BackUpAsync(string tag, string db, IReadOnlyList<string> collections, string backupRoot, CancellationToken cancellationToken)
    {
        var backups = new BackupService(_time);
        await backups.CreateAsync(store, new BackupOptions { Tag = tag, OutputRoot = backupRoot, Databases = [db], Collections = collections }, cancellationToken: cancellationToken).ConfigureAwait(false);
        var verification = await backups.VerifyAsync(backupRoot, tag, cancellationToken).ConfigureAwait(false);
        return verification.Ok ? tag : throw new InvalidOperationException($"the backup {tag} taken before cleanup did not verify; nothing was removed");
    }
}

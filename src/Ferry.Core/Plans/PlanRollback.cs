using Ferry.Core.Backup;
using Ferry.Core.Hooks;
using Ferry.Core.Migrations;
using Ferry.Core.Runs;
using Ferry.Core.Storage;

namespace Ferry.Core.Plans;

/// <summary>What to roll back: the backup, the databases to put back, the baseline to verify against, the hooks.</summary>
public sealed record PlanRollbackRequest(string RunId, string BackupRoot, IReadOnlyDictionary<string, string> BackupTags)
{
    /// <summary>The backups, for people: "TAG" or "db1: TAG1, db2: TAG2".</summary>
    public string BackupLabel => BackupTags.Values.Distinct().Count() == 1 ? BackupTags.Values.First() : string.Join(", ", BackupTags.Select(p => $"{p.Key}: {p.Value}"));

    /// <summary>The state before the run; null verifies against the backup only.</summary>
    public PlanBaseline? Baseline { get; init; }

    public IReadOnlyList<HookCommand> HooksBefore { get; init; } = [];

    public IReadOnlyList<HookCommand> HooksAfter { get; init; } = [];

    public RunLockOptions Lock { get; init; } = new();
}

/// <summary>
/// The rollback procedure (the guide's <c>MigrationRollback</c>), shared by a plan run's automatic rollback and
/// <c>ferry rollback</c>: run the hooks before (scale the application down), restore every database of the request
/// from the backup under its run lock (user collections dropped and restored, those created since dropped, Ferry's
/// <c>_ferry_*</c> kept so the record of the run stays), verify each against the backup and then against the
/// baseline (counts, content checksums, indexes, validators), and run the hooks after only when it verified.
/// A hook before that fails does not stop the restore (a half-migrated database is worse than a restore under
/// load); it is reported.
/// </summary>
public sealed class PlanRollback(BackupService backups)
{
    public async Task<PlanRollbackResult> RunAsync(IDocumentStore store, PlanRollbackRequest request, IProgress<string>? log = null, CancellationToken cancellationToken = default)
    {
        var hooks = new List<HookResult>();
        foreach (var hook in request.HooksBefore)
        {
            var result = await HookRunner.RunAsync(WithRun(hook, request.RunId), cancellationToken).ConfigureAwait(false);
            hooks.Add(result);
            log?.Report(result.Summary);
        }

        var differences = new List<string>();
        var restorer = new StoreBackupBeforeMigration(backups, request.BackupRoot);
        foreach (var (name, tag) in request.BackupTags)
        {
            var database = store.GetDatabase(name);
            await using var heldLock = await DatabaseRunLock.AcquireAsync(database, "rollback", request.RunId, request.Lock, cancellationToken).ConfigureAwait(false);
            var restored = await restorer.RollBackAsync(database, tag, heldLock, cancellationToken).ConfigureAwait(false);
            differences.AddRange(restored.Succeeded ? [] : restored.Details);
            differences.AddRange(await RestoreChangelogAsync(database, request.BackupRoot, tag, heldLock, cancellationToken).ConfigureAwait(false));
            log?.Report($"{name}: restored from backup {tag}{(restored.Succeeded ? ", verified against the backup" : ": " + string.Join("; ", restored.Details))}");
        }

        if (request.Baseline is { } baseline)
        {
            differences.AddRange(await baseline.DifferencesAsync(store, cancellationToken).ConfigureAwait(false));
        }

        var verified = differences.Count == 0;
        if (verified)
        {
            foreach (var hook in request.HooksAfter)
            {
                var result = await HookRunner.RunAsync(WithRun(hook, request.RunId), cancellationToken).ConfigureAwait(false);
                hooks.Add(result);
                log?.Report(result.Summary);
            }
        }

        return new PlanRollbackResult(verified ? RunStatus.RolledBack : RunStatus.RollbackFailed, request.BackupLabel, differences.Distinct().ToList(), hooks);
    }

    /// <summary>
    /// The migration changelog goes back too: the restored data is the data before the run's migrations, so they must
    /// read as pending again (the append-only history keeps the record of what happened). Other <c>_ferry_*</c>
    /// collections stay: the run journal, the quarantine, the id map.
    /// </summary>
    private async Task<List<string>> RestoreChangelogAsync(Storage.IDocumentDatabase database, string backupRoot, string tag, DatabaseRunLock heldLock, CancellationToken cancellationToken)
    {
        var dump = await DumpSource.OpenAsync(new BackupCatalog(backupRoot).FolderOf(tag), cancellationToken).ConfigureAwait(false);
        if (!dump.Namespaces.Any(n => n.Database == database.Name && n.Collection == MigrationChangelog.CollectionName))
        {
            await database.DropCollectionAsync(MigrationChangelog.CollectionName, cancellationToken).ConfigureAwait(false);
            return [];
        }

        var restore = await backups.RestoreAsync(
            database.Store,
            new RestoreOptions { Tag = tag, BackupRoot = backupRoot, Database = database.Name, Drop = true, NsInclude = [$"{database.Name}.{MigrationChangelog.CollectionName}"], HeldLock = heldLock },
            null,
            cancellationToken).ConfigureAwait(false);
        return restore.Ok ? [] : [$"{database.Name}.{MigrationChangelog.CollectionName}: {restore.Failure?.Message ?? string.Join("; ", restore.Namespaces.SelectMany(n => n.Problems))}"];
    }

    internal static HookCommand WithRun(HookCommand hook, string runId) =>
        hook with { Environment = new Dictionary<string, string>(hook.Environment) { ["FERRY_RUN_ID"] = runId } };
}

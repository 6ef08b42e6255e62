using Ferry.Core.Backup;
using Ferry.Core.Hooks;
using Ferry.Core.Runs;
using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Core.Emergency;

/// <summary>
/// <c>ferry emergency recover</c>: restores the last good backup of the databases (the newest that verifies now, as
/// <c>backup last-good</c>; emergency backups are skipped: they hold the state being recovered from) over them
/// (<c>--drop</c>: every collection replaced, run journals merged), checks each collection's count against the
/// backup's manifest, moves the collections the backup does not hold aside (<see cref="NewCollectionQuarantine"/>), runs the <c>emergency.recover</c> hooks, the health check and the <c>emergency.smoke</c> hooks.
/// The procedure is a run (kind <c>emergency</c>); each restore is a child run of it.
/// </summary>
public sealed class EmergencyRecover(EmergencyRecoverOptions options)
{
    public async Task<EmergencyRecoverResult> RunAsync(IDocumentStore store, IReadOnlyList<string> databases, CancellationToken cancellationToken = default)
    {
        var runId = JournaledRun.NewId("emergency", options.Time);
        await using var run = await JournaledRun.StartAsync(store.GetDatabase(databases[0]), runId, "emergency", new BsonDocument
        {
            { "action", "recover" },
            { "store", store.DisplayUri },
            { "databases", new BsonArray(databases) },
            { "backups", Path.GetFullPath(options.BackupRoot) },
        }, options.Time, cancellationToken).ConfigureAwait(false);

        var result = await RecoverAsync(store, databases, runId, cancellationToken).ConfigureAwait(false);
        await run.SetAsync(new BsonDocument("result", result.ToBson()), CancellationToken.None).ConfigureAwait(false);
        if (result.BackupTag is not null)
        {
            await run.SetBackupTagAsync(result.BackupTag, CancellationToken.None).ConfigureAwait(false);
        }

        await run.CompleteAsync(result.Ok ? RunStatus.Completed : RunStatus.Failed, result.Ok ? null : string.Join("; ", result.Problems)).ConfigureAwait(false);
        return result;
    }

    private async Task<EmergencyRecoverResult> RecoverAsync(IDocumentStore store, IReadOnlyList<string> databases, string runId, CancellationToken cancellationToken)
    {
        var service = new BackupService(options.Time);
        var backup = await LastGoodAsync(service, databases, cancellationToken).ConfigureAwait(false);
        if (backup is null)
        {
            return new EmergencyRecoverResult(runId)
            {
                Problems = [$"no backup of {string.Join(", ", databases)} in {Path.GetFullPath(options.BackupRoot)} verifies (emergency backups are not restored by recover; restore one with ferry backup restore --tag TAG)"],
            };
        }

        var problems = new List<string>();
        var restoreRuns = new List<string>();
        var quarantined = new List<QuarantinedCollection>();
        long documents = 0;
        foreach (var database in databases)
        {
            RestoreResult restore;
            using (RunScope.Begin(runId))
            {
                restore = await service.RestoreAsync(store, new RestoreOptions { Tag = backup.Tag, BackupRoot = options.BackupRoot, Database = database, Drop = true, Lock = options.Lock }, cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            restoreRuns.AddRange(restore.RunId is { } id ? [id] : []);
            documents += restore.Documents;
            if (!restore.Ok)
            {
                problems.Add(restore.Failure?.Message ?? $"{database}: the restore did not verify: {restore.Namespaces.SelectMany(n => n.Problems).First()}");
                continue;
            }

            // Collections created after the backup must not stay beside the recovered data unnoticed: moved aside, kept, reported.
            // (Under the database's run lock, as every write: a run started since the restore is not renamed under it.)
            await using var heldLock = await DatabaseRunLock.AcquireAsync(store.GetDatabase(database), "emergency", runId, options.Lock, cancellationToken).ConfigureAwait(false);
            quarantined.AddRange(await NewCollectionQuarantine.MoveAsideAsync(store.GetDatabase(database), restore, options.Time.GetUtcNow(), cancellationToken).ConfigureAwait(false));
        }

        var verified = problems.Count == 0;
        var hooks = verified ? await RunHooksAsync(options.Hooks, runId, problems, cancellationToken).ConfigureAwait(false) : [];
        var health = await StoreHealth.CheckAsync(store, databases, cancellationToken).ConfigureAwait(false);
        if (health != "ok")
        {
            problems.Add("health check: " + health);
        }

        var smoke = verified && health == "ok" ? await RunHooksAsync(options.Smoke, runId, problems, cancellationToken).ConfigureAwait(false) : [];
        return new EmergencyRecoverResult(runId)
        {
            BackupTag = backup.Tag,
            RestoreRunIds = restoreRuns,
            Documents = documents,
            QuarantinedCollections = quarantined,
            Verified = verified,
            Hooks = hooks,
            Smoke = smoke,
            Health = health,
            Problems = problems,
        };
    }

    /// <summary>The newest non-emergency backup holding every database that verifies now; null when none does.</summary>
    private async Task<BackupEntry?> LastGoodAsync(BackupService service, IReadOnlyList<string> databases, CancellationToken cancellationToken)
    {
        foreach (var entry in await service.ListAsync(options.BackupRoot, cancellationToken).ConfigureAwait(false))
        {
            if (!entry.Readable || entry.Manifest.Emergency || !databases.All(d => entry.Manifest.Databases.Contains(d, StringComparer.Ordinal)))
            {
                continue;
            }

            if ((await service.VerifyAsync(options.BackupRoot, entry.Tag, cancellationToken).ConfigureAwait(false)).Ok)
            {
                return entry;
            }
        }

        return null;
    }

    private static async Task<List<HookResult>> RunHooksAsync(IReadOnlyList<HookCommand> hooks, string runId, List<string> problems, CancellationToken cancellationToken)
    {
        var results = new List<HookResult>();
        foreach (var hook in hooks)
        {
            var environment = new Dictionary<string, string>(hook.Environment, StringComparer.Ordinal) { ["FERRY_RUN_ID"] = runId, ["FERRY_EMERGENCY"] = "recover" };
            var result = await HookRunner.RunAsync(hook with { Environment = environment }, cancellationToken).ConfigureAwait(false);
            results.Add(result);
            if (!result.Succeeded)
            {
                problems.Add($"hook {result.Name} failed: {result.Summary}");
            }
        }

        return results;
    }
}

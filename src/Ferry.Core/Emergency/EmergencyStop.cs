using Ferry.Core.Backup;
using Ferry.Core.Hooks;
using Ferry.Core.Runs;
using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Core.Emergency;

/// <summary>
/// <c>ferry emergency stop</c>: every running run in the given databases gets the stop flag (each stops within
/// seconds, abandoning its uncommitted batch, and releases its run lock as it ends); waits until all have stopped or
/// the timeout passed; runs the <c>emergency.stop</c> hooks; takes an emergency backup (<c>emergency-TIME</c>) and
/// verifies it. The procedure is itself a run (kind <c>emergency</c>) in the first database's journal, so the run
/// observers (notifications, metrics) hear of it, and the backup run is its child.
/// </summary>
public sealed class EmergencyStop(EmergencyStopOptions options)
{
    public async Task<EmergencyStopResult> RunAsync(IDocumentStore store, IReadOnlyList<string> databases, CancellationToken cancellationToken = default)
    {
        var runId = JournaledRun.NewId("emergency", options.Time);
        var journals = databases.Select(d => (Database: d, Journal: new RunJournal(store.GetDatabase(d), options.Time))).ToList();

        // The running runs, found before this run starts (it is not one of them).
        var running = new List<(string Database, string RunId, RunJournal Journal)>();
        foreach (var (database, journal) in journals)
        {
            await foreach (var run in journal.ListAsync(cancellationToken).ConfigureAwait(false))
            {
                if (run["status"] == RunStatus.Running)
                {
                    running.Add((database, run["_id"].AsString, journal));
                }
            }
        }

        await using var emergency = await JournaledRun.StartAsync(store.GetDatabase(databases[0]), runId, "emergency", new BsonDocument
        {
            { "action", "stop" },
            { "store", store.DisplayUri },
            { "databases", new BsonArray(databases) },
            { "runs", new BsonArray(running.Select(r => $"{r.Database}/{r.RunId}")) },
            { "timeout_seconds", options.Timeout.TotalSeconds },
        }, options.Time, cancellationToken).ConfigureAwait(false);

        foreach (var (_, id, journal) in running)
        {
            await journal.RequestStopAsync(id, cancellationToken).ConfigureAwait(false);
        }

        var notStopped = await WaitForStopAsync(store, running, cancellationToken).ConfigureAwait(false);
        var problems = new List<string>();
        if (notStopped.Count > 0)
        {
            problems.Add($"not stopped after {options.Timeout.TotalSeconds:0.#} s: {string.Join(", ", notStopped)}");
        }

        var hooks = new List<HookResult>();
        foreach (var hook in options.Hooks)
        {
            var result = await HookRunner.RunAsync(hook with { Environment = WithRunId(hook, runId) }, cancellationToken).ConfigureAwait(false);
            hooks.Add(result);
            if (!result.Succeeded)
            {
                problems.Add($"hook {result.Name} failed: {result.Summary}");
            }
        }

        var (tag, verified) = await BackUpAsync(store, databases, runId, problems, cancellationToken).ConfigureAwait(false);
        var stopped = running.Select(r => $"{r.Database}/{r.RunId}").Except(notStopped, StringComparer.Ordinal).ToList();
        var outcome = new EmergencyStopResult(runId, stopped, notStopped, hooks) { BackupTag = tag, BackupVerified = verified, Problems = problems };
        await emergency.SetAsync(new BsonDocument { { "result", outcome.ToBson() } }, CancellationToken.None).ConfigureAwait(false);
        if (tag is not null)
        {
            await emergency.SetBackupTagAsync(tag, CancellationToken.None).ConfigureAwait(false);
        }

        await emergency.CompleteAsync(outcome.Ok ? RunStatus.Completed : RunStatus.Failed, outcome.Ok ? null : string.Join("; ", problems)).ConfigureAwait(false);
        return outcome;
    }

    /// <summary>Waits until each run has left "running" and no longer holds its database's lock; returns those that have not by the timeout.</summary>
    private async Task<List<string>> WaitForStopAsync(IDocumentStore store, List<(string Database, string RunId, RunJournal Journal)> running, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + options.Timeout;
        var left = running.ToList();
        while (true)
        {
            var still = new List<(string Database, string RunId, RunJournal Journal)>();
            foreach (var run in left)
            {
                var status = (await run.Journal.GetAsync(run.RunId, cancellationToken).ConfigureAwait(false))?["status"].AsString;
                var holder = await store.GetDatabase(run.Database).GetCollection(DatabaseRunLock.CollectionName)
                    .FindOneAsync(new BsonDocument("_id", DatabaseRunLock.LockId), null, cancellationToken).ConfigureAwait(false);
                if (status == RunStatus.Running || holder?.GetValue("run", BsonNull.Value) == run.RunId)
                {
                    still.Add(run);
                }
            }

            left = still;
            if (left.Count == 0 || DateTime.UtcNow >= deadline)
            {
                return left.Select(r => $"{r.Database}/{r.RunId}").ToList();
            }

            await Task.Delay(options.PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The emergency backup of the databases (<c>emergency-yyyyMMdd-HHmmss</c>), verified; problems are added, not thrown.</summary>
    private async Task<(string? Tag, bool Verified)> BackUpAsync(IDocumentStore store, IReadOnlyList<string> databases, string runId, List<string> problems, CancellationToken cancellationToken)
    {
        var service = new BackupService(options.Time);
        try
        {
            BackupResult backup;
            using (RunScope.Begin(runId))
            {
                backup = await service.CreateAsync(store, new BackupOptions
                {
                    Tag = options.Time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture),
                    Emergency = true,
                    Databases = databases,
                    OutputRoot = options.BackupRoot,
                }, cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            var report = await service.VerifyAsync(options.BackupRoot, backup.Tag, cancellationToken).ConfigureAwait(false);
            if (!report.Ok)
            {
                problems.Add($"the emergency backup {backup.Tag} failed verification: {report.Problems[0]}");
            }

            return (backup.Tag, report.Ok);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            problems.Add($"the emergency backup failed: {e.Message}");
            return (null, false);
        }
    }

    private static Dictionary<string, string> WithRunId(HookCommand hook, string runId) =>
        new(hook.Environment, StringComparer.Ordinal) { ["FERRY_RUN_ID"] = runId, ["FERRY_EMERGENCY"] = "stop" };
}

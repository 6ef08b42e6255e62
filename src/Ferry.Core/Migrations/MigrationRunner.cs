using System.Diagnostics;
using Ferry.Core.Runs;
using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Core.Migrations;

/// <summary>
/// Applies and rolls back migrations on one database, composing the stages: the <see cref="IMigrationSource"/>
/// (what exists), the <see cref="MigrationChangelog"/> (what is applied), the <see cref="DatabaseRunLock"/> (one
/// run at a time), the <see cref="MigrationHistory"/> (what happened) and each migration's body. Checks come
/// first and refuse with nothing written; a failing migration stops the run and is recorded. By default a run is
/// all-or-nothing: after a failure the database's user collections are restored from the run's pre-migration backup
/// and verified, and the run's earlier migrations are recorded as rolled back (pending again); with
/// <see cref="UpOptions.NoAutoRollback"/> the failed migration's writes and the earlier migrations stay.
/// </summary>
public sealed class MigrationRunner(IMigrationSource source, MigrationEnvironment? environment = null, IPreMigrationBackup? backup = null)
{
    private readonly MigrationEnvironment _environment = environment ?? new MigrationEnvironment();

    public async Task<MigrationStatusReport> StatusAsync(IDocumentDatabase database, CancellationToken cancellationToken = default)
    {
        var migrations = source.Load();
        var changelog = await new MigrationChangelog(database).ReadAsync(cancellationToken).ConfigureAwait(false);
        return MigrationStatusReport.Build(database.Name, migrations, changelog);
    }

    public async Task<MigrationRunResult> UpAsync(IDocumentDatabase database, UpOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new UpOptions();
        var runId = _environment.NewRunId();
        var migrations = source.Load();
        if (options.DryRun)
        {
            var plan = MigrationPlanner.SelectUp(await StatusOfAsync(database, migrations, cancellationToken).ConfigureAwait(false), options);
            return new MigrationRunResult(database.Name, runId, "up", true, await PreviewAsync(database, plan, MigrationDirection.Up, cancellationToken).ConfigureAwait(false));
        }

        return await RunAsync(database, runId, MigrationDirection.Up, status => MigrationPlanner.SelectUp(status, options), options.NoBackup, options.NoAutoRollback, migrations, cancellationToken).ConfigureAwait(false);
    }

    public async Task<MigrationRunResult> DownAsync(IDocumentDatabase database, DownOptions options, CancellationToken cancellationToken = default)
    {
        var runId = _environment.NewRunId();
        var migrations = source.Load();
        if (options.DryRun)
        {
            var plan = MigrationPlanner.SelectDown(await StatusOfAsync(database, migrations, cancellationToken).ConfigureAwait(false), options);
            return new MigrationRunResult(database.Name, runId, "down", true, await PreviewAsync(database, plan, MigrationDirection.Down, cancellationToken).ConfigureAwait(false));
        }

        return await RunAsync(database, runId, MigrationDirection.Down, status => MigrationPlanner.SelectDown(status, options), options.NoBackup, options.NoAutoRollback, migrations, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Up or down under the lock: selects the migrations, takes the verified pre-migration backup (down parts drop
    /// fields and collections, so they get one too), then runs them in order, renewing the lock before each and
    /// stopping at the first failure, which is then rolled back unless <paramref name="noAutoRollback"/>.
    /// </summary>
    private async Task<MigrationRunResult> RunAsync(
        IDocumentDatabase database, string runId, MigrationDirection direction, Func<MigrationStatusReport, IReadOnlyList<Migration>> select, bool noBackup, bool noAutoRollback, IReadOnlyList<Migration> migrations, CancellationToken cancellationToken)
    {
        // A refused selection (an unknown --version, say) is refused before the lock is taken, so it writes nothing,
        // not even the lock's collection; the selection under the lock below is the one that counts.
        select(await StatusOfAsync(database, migrations, cancellationToken).ConfigureAwait(false));
        var verb = direction == MigrationDirection.Up ? "up" : "down";
        await using var migrationLock = await DatabaseRunLock.AcquireAsync(database, "migrate " + verb, runId, _environment.Lock, cancellationToken).ConfigureAwait(false);
        var selected = select(await StatusOfAsync(database, migrations, cancellationToken).ConfigureAwait(false));
        if (selected.Count == 0)
        {
            return new MigrationRunResult(database.Name, runId, verb, false, []) { Notice = migrationLock.Notice };
        }

        // The run's journal entry (kind "migrate"): what it runs, its backup, each step, how it ended. Its token is
        // cancelled within about a second of a stop request, which abandons the migration in progress; the run is
        // then rolled back like a failed one (a half-applied migration is never left behind unless asked).
        await using var run = await JournaledRun.StartAsync(database, runId, "migrate", new BsonDocument
        {
            { "database", database.Name },
            { "store", database.Store.DisplayUri },
            { "direction", verb },
            { "versions", new BsonArray(selected.Select(m => m.Version.Text)) },
            { "no_backup", noBackup || backup is null },
            { "no_auto_rollback", noAutoRollback },
        }, _environment.Time, cancellationToken).ConfigureAwait(false);
        try
        {
            var result = await RunSelectedAsync(database, runId, direction, verb, selected, noBackup, noAutoRollback, migrationLock, run, cancellationToken).ConfigureAwait(false);
            await run.SetAsync(new BsonDocument
            {
                { "steps", new BsonArray(result.Steps.Select(s => s.ToBson())) },
                { "rollback", (BsonValue?)result.Rollback?.ToBson() ?? BsonNull.Value },
            }, CancellationToken.None).ConfigureAwait(false);
            var (status, reason) = JournalOutcome(result);
            await run.CompleteAsync(status, reason).ConfigureAwait(false);
            return result;
        }
        catch (OperationCanceledException) when (run.StopRequested && !cancellationToken.IsCancellationRequested)
        {
            throw await run.StoppedAsync($"nothing was migrated; rerun ferry migrate {verb} to run it").ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await run.FailedAsync(e).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The selected migrations in order, after the pre-migration backup, then the rollback of a failure.</summary>
    private async Task<MigrationRunResult> RunSelectedAsync(
        IDocumentDatabase database, string runId, MigrationDirection direction, string verb, IReadOnlyList<Migration> selected, bool noBackup, bool noAutoRollback,
        DatabaseRunLock migrationLock, JournaledRun run, CancellationToken cancellationToken)
    {
        string? backupTag = null;
        if (backup is not null && !noBackup)
        {
            using (RunScope.Begin(runId))
            {
                backupTag = await backup.BackupAsync(database, runId, run.Token).ConfigureAwait(false);
            }
            if (backupTag is not null)
            {
                await run.SetBackupTagAsync(backupTag, cancellationToken).ConfigureAwait(false);
            }
        }

        var changelogBefore = await new MigrationChangelog(database).ReadAsync(cancellationToken).ConfigureAwait(false);
        var steps = new List<MigrationStepResult>();
        foreach (var migration in selected)
        {
            await migrationLock.EnsureHeldAsync(migration.Version.Text, cancellationToken).ConfigureAwait(false);
            var step = run.StopRequested
                ? null
                : await RunStepAsync(database, migration, direction, runId, backupTag, run, cancellationToken).ConfigureAwait(false);
            if (step is null)
            {
                break; // stopped between two migrations: the ones done stay done, like a completed shorter run
            }

            steps.Add(step);
            if (step.Outcome == StepOutcome.Failed)
            {
                break;
            }
        }

        MigrationRollback? rollback = null;
        if (steps.Count > 0 && steps[^1].Outcome == StepOutcome.Failed && !noAutoRollback)
        {
            rollback = backup is null || noBackup
                ? new MigrationRollback(MigrationRollback.NoBackup, null, ["the run took no backup (--no-backup), so there is nothing to roll back to"])
                : await RollBackAsync(database, migrationLock, backup, backupTag, runId, steps, changelogBefore, cancellationToken).ConfigureAwait(false);
        }

        return new MigrationRunResult(database.Name, runId, verb, false, steps)
        {
            BackupTag = backupTag,
            Notice = migrationLock.Notice,
            Rollback = rollback,
            Stopped = run.StopRequested,
        };
    }

    /// <summary>The journal status of a finished migrate run and, unless it completed, why in one line.</summary>
    private static (string Status, string? Reason) JournalOutcome(MigrationRunResult result)
    {
        var failed = result.FailedStep;
        var rollback = result.Rollback is { } r ? "; " + r.Describe() : string.Empty;
        if (result.Stopped)
        {
            var where = failed is null ? "between two migrations" : $"during {failed.Version.Text}";
            return (RunStatus.Stopped, $"stop requested {where}{rollback}");
        }

        if (failed is null)
        {
            return (RunStatus.Completed, null);
        }

        var reason = $"{failed.Version.Text} failed: {failed.Error}{rollback}";
        return result.Rollback?.Status switch
        {
            MigrationRollback.RolledBack => (RunStatus.RolledBack, reason),
            MigrationRollback.RollbackFailed => (RunStatus.RollbackFailed, reason),
            _ => (RunStatus.Failed, reason),
        };
    }

    /// <summary>
    /// Restores the run's pre-migration backup under the run's own lock and, once it verified, records what that undid:
    /// the run's migrations applied before the failure are rolled back (pending again), the failed one is marked rolled
    /// back, and the entries a failed <c>down</c> run removed come back (their writes are back). A rollback that did not
    /// verify leaves the changelog as it is (the data is in an unknown state) and is reported as such.
    /// </summary>
    private async Task<MigrationRollback> RollBackAsync(
        IDocumentDatabase database, DatabaseRunLock migrationLock, IPreMigrationBackup preMigrationBackup, string? backupTag, string runId,
        IReadOnlyList<MigrationStepResult> steps, IReadOnlyList<ChangelogEntry> changelogBefore, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await migrationLock.EnsureHeldAsync("the rollback", cancellationToken).ConfigureAwait(false);
        var rollback = await preMigrationBackup.RollBackAsync(database, backupTag, migrationLock, cancellationToken).ConfigureAwait(false);
        if (rollback.Succeeded)
        {
            var changelog = new MigrationChangelog(database);
            var now = (await changelog.ReadAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(e => e.Version);
            var before = changelogBefore.ToDictionary(e => e.Version);
            foreach (var step in steps)
            {
                if (step.Direction == MigrationDirection.Up && now.TryGetValue(step.Version, out var entry) && entry.RunId == runId)
                {
                    var outcome = step.Outcome == StepOutcome.Failed ? ChangelogEntry.Failed : ChangelogEntry.RolledBack;
                    await changelog.RecordAsync(entry with { Outcome = outcome, RolledBackTo = rollback.BackupTag }, cancellationToken).ConfigureAwait(false);
                }
                else if (step.Direction == MigrationDirection.Down && step.Outcome == StepOutcome.Succeeded && before.TryGetValue(step.Version, out var removed))
                {
                    await changelog.RecordAsync(removed, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        await AppendHistoryAsync(
            database, runId, "rollback", null, null, rollback.Succeeded ? "succeeded" : "failed", clock.Elapsed,
            rollback.Succeeded ? null : string.Join("; ", rollback.Details), backupTag, cancellationToken).ConfigureAwait(false);
        return rollback;
    }

    /// <summary>Records every migration up to <paramref name="to"/> as applied without running it: adopting a
    /// database whose schema is already there.</summary>
    public async Task<MigrationRunResult> BaselineAsync(IDocumentDatabase database, MigrationVersion to, CancellationToken cancellationToken = default)
    {
        var runId = _environment.NewRunId();
        var migrations = source.Load();
        await using var migrationLock = await DatabaseRunLock.AcquireAsync(database, "migrate baseline", runId, _environment.Lock, cancellationToken).ConfigureAwait(false);
        var status = await StatusOfAsync(database, migrations, cancellationToken).ConfigureAwait(false);
        var steps = new List<MigrationStepResult>();
        foreach (var row in status.Rows.Where(r => r.IsPending && r.Version <= to && r.Migration is not null))
        {
            await RecordWithoutRunningAsync(database, row.Migration!, ChangelogEntry.Baselined, "baseline", runId, cancellationToken).ConfigureAwait(false);
            steps.Add(new MigrationStepResult(row.Version, row.Description, row.Source, MigrationDirection.Up, StepOutcome.Succeeded, TimeSpan.Zero));
        }

        return new MigrationRunResult(database.Name, runId, "baseline", false, steps);
    }

    /// <summary>Marks one version applied (without running it) or unapplied (without running its down part).</summary>
    public async Task<MigrationRunResult> MarkAsync(IDocumentDatabase database, MigrationVersion version, bool applied, CancellationToken cancellationToken = default)
    {
        var runId = _environment.NewRunId();
        var migrations = source.Load();
        await using var migrationLock = await DatabaseRunLock.AcquireAsync(database, "migrate mark", runId, _environment.Lock, cancellationToken).ConfigureAwait(false);
        var status = await StatusOfAsync(database, migrations, cancellationToken).ConfigureAwait(false);
        var row = status.Rows.FirstOrDefault(r => r.Version.Equals(version))
            ?? throw new MigrationRefusedException($"{database.Name}: no migration {version} in the migrations folder or the changelog");
        if (applied)
        {
            if (row.Migration is null)
            {
                throw new MigrationRefusedException($"{database.Name}: migration {version} has no file to mark as applied");
            }

            await RecordWithoutRunningAsync(database, row.Migration, ChangelogEntry.Marked, "mark-applied", runId, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await new MigrationChangelog(database).RemoveAsync(version, cancellationToken).ConfigureAwait(false);
            await AppendHistoryAsync(database, runId, "mark-unapplied", row.Version.Text, row.Source, "succeeded", TimeSpan.Zero, null, null, cancellationToken).ConfigureAwait(false);
        }

        var step = new MigrationStepResult(row.Version, row.Description, row.Source, applied ? MigrationDirection.Up : MigrationDirection.Down, StepOutcome.Succeeded, TimeSpan.Zero);
        return new MigrationRunResult(database.Name, runId, applied ? "mark-applied" : "mark-unapplied", false, [step]);
    }

    /// <summary>Removes the lock whoever holds it, and says so in the history. Returns the holder, or null.</summary>
    public async Task<string?> ForceUnlockAsync(IDocumentDatabase database, CancellationToken cancellationToken = default)
    {
        var holder = await DatabaseRunLock.ForceUnlockAsync(database, cancellationToken).ConfigureAwait(false);
        if (holder is not null)
        {
            await AppendHistoryAsync(database, _environment.NewRunId(), "force-unlock", null, null, "succeeded", TimeSpan.Zero, "removed lock of " + holder, null, cancellationToken).ConfigureAwait(false);
        }

        return holder;
    }

    private static async Task<MigrationStatusReport> StatusOfAsync(IDocumentDatabase database, IReadOnlyList<Migration> migrations, CancellationToken cancellationToken)
    {
        var changelog = await new MigrationChangelog(database).ReadAsync(cancellationToken).ConfigureAwait(false);
        return MigrationStatusReport.Build(database.Name, migrations, changelog);
    }

    private async Task<MigrationStepResult> RunStepAsync(IDocumentDatabase database, Migration migration, MigrationDirection direction, string runId, string? backupTag, JournaledRun run, CancellationToken cancellationToken)
    {
        var startedAt = _environment.Time.GetUtcNow();
        var clock = Stopwatch.StartNew();
        string? error = null;
        try
        {
            await migration.Body.RunAsync(direction, database, run.Token).ConfigureAwait(false);
        }
        catch (Exception) when (run.StopRequested && !cancellationToken.IsCancellationRequested)
        {
            // However the body surfaced the cancellation (a script error, an aborted store call), it was the stop.
            error = "stopped on request (ferry runs stop / emergency stop); the migration was abandoned part-way";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            error = e.Message;
        }

        var duration = clock.Elapsed;
        var changelog = new MigrationChangelog(database);
        var action = direction == MigrationDirection.Up ? "up" : "down";
        if (error is null)
        {
            if (direction == MigrationDirection.Up)
            {
                await changelog.RecordAsync(Entry(migration, startedAt, duration, runId, ChangelogEntry.Applied) with { BackupTag = backupTag }, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await changelog.RemoveAsync(migration.Version, cancellationToken).ConfigureAwait(false);
            }
        }
        else if (direction == MigrationDirection.Up)
        {
            await changelog.RecordAsync(Entry(migration, startedAt, duration, runId, ChangelogEntry.Failed) with { Error = error, BackupTag = backupTag }, cancellationToken).ConfigureAwait(false);
        }

        await AppendHistoryAsync(database, runId, action, migration.Version.Text, migration.Source, error is null ? "succeeded" : "failed", duration, error, backupTag, cancellationToken).ConfigureAwait(false);
        return new MigrationStepResult(migration.Version, migration.Description, migration.Source, direction, error is null ? StepOutcome.Succeeded : StepOutcome.Failed, duration) { Error = error };
    }

    private async Task RecordWithoutRunningAsync(IDocumentDatabase database, Migration migration, string outcome, string action, string runId, CancellationToken cancellationToken)
    {
        await new MigrationChangelog(database).RecordAsync(Entry(migration, _environment.Time.GetUtcNow(), TimeSpan.Zero, runId, outcome), cancellationToken).ConfigureAwait(false);
        await AppendHistoryAsync(database, runId, action, migration.Version.Text, migration.Source, "succeeded", TimeSpan.Zero, null, null, cancellationToken).ConfigureAwait(false);
    }

    private ChangelogEntry Entry(Migration migration, DateTimeOffset at, TimeSpan duration, string runId, string outcome) =>
        new(migration.Version, migration.Description, migration.Source, migration.Checksum, at, duration, _environment.AppliedBy, _environment.FerryVersion, runId, outcome);

    private Task AppendHistoryAsync(IDocumentDatabase database, string runId, string action, string? version, string? sourceName, string outcome, TimeSpan duration, string? error, string? backupTag, CancellationToken cancellationToken) =>
        new MigrationHistory(database).AppendAsync(
            new HistoryEntry(runId, action, version, sourceName, outcome, _environment.Time.GetUtcNow(), duration, _environment.AppliedBy, _environment.FerryVersion)
            {
                Error = error,
                BackupTag = backupTag,
            },
            cancellationToken);

    /// <summary>The dry-run strategy: each migration runs against a recording view of the store, so its writes are
    /// listed (with how many documents each would touch) and none is made.</summary>
    private static async Task<List<MigrationStepResult>> PreviewAsync(IDocumentDatabase database, IReadOnlyList<Migration> plan, MigrationDirection direction, CancellationToken cancellationToken)
    {
        var log = new DryRun.WriteLog();
        var recording = new DryRun.RecordingStore(database.Store, log).GetDatabase(database.Name);
        var steps = new List<MigrationStepResult>();
        foreach (var migration in plan)
        {
            var clock = Stopwatch.StartNew();
            string? error = null;
            try
            {
                await migration.Body.RunAsync(direction, recording, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                error = e.Message;
            }

            steps.Add(new MigrationStepResult(migration.Version, migration.Description, migration.Source, direction, error is null ? StepOutcome.Planned : StepOutcome.Failed, clock.Elapsed)
            {
                Error = error,
                Writes = log.Drain(),
            });
            if (error is not null)
            {
                break;
            }
        }

        return steps;
    }

    public static string StateText(MigrationState state) => state switch
    {
        MigrationState.Applied => "applied",
        MigrationState.Pending => "pending",
        MigrationState.Changed => "changed since applied",
        MigrationState.MissingFile => "missing file",
        MigrationState.Failed => "failed (pending)",
        _ => state.ToString(),
    };
}

using Ferry.Cli.Infrastructure;
using Ferry.Core.Migrations;
using Ferry.Core.Storage;
using MongoDB.Bson;
using Spectre.Console;

namespace Ferry.Cli.Commands.Migrate;

/// <summary>
/// The shape of every migrate verb that works on databases: open the store, resolve <c>--db</c> (a list or a
/// pattern), do the verb on each database with its own changelog and lock (<see cref="MultiDatabaseRun"/>), and print
/// one summary. Under --json the result is <c>{ ok, databases: [ … ] }</c>. The exit code is 1 when any database failed.
/// </summary>
public abstract class MigrateCommand<TSettings>(IAnsiConsole console, StoreRegistry stores) : FerryCommand<TSettings>(console)
    where TSettings : MigrateSettings
{
    protected sealed override async Task<int> RunAsync(TSettings settings, Output output, CancellationToken cancellationToken)
    {
        var runner = CreateRunner(settings);
        await using var store = await stores.OpenAsync(settings.ResolveUri(), cancellationToken).ConfigureAwait(false);
        var databases = await MigrationSetup.DatabasesAsync(store, settings, cancellationToken).ConfigureAwait(false);
        var run = new MultiDatabaseRun();
        foreach (var database in databases)
        {
            var outcome = await run.RunAsync(database, async () =>
            {
                if (settings is IRunLockSettings { ForceUnlock: true })
                {
                    await ForceUnlockAsync(runner, database, output, cancellationToken).ConfigureAwait(false);
                }

                var (json, exit) = await RunOnAsync(runner, database, settings, output, cancellationToken).ConfigureAwait(false);
                return new DatabaseOutcome(database.Name, json, exit == ExitCodes.Ok);
            }).ConfigureAwait(false);
            if (outcome.Error is not null)
            {
                ResultExit.Of(output, ok: false, outcome.Error);
            }
        }

        output.Json(run.ToBson());
        return ResultExit.Of(output, run.Ok);
    }

    /// <summary>The runner; verbs that change a database back it up first unless told not to.</summary>
    protected virtual MigrationRunner CreateRunner(TSettings settings) =>
        settings is MigrateChangeSettings { NoBackup: false } change
            ? MigrationSetup.Runner(settings, new StoreBackupBeforeMigration(new Core.Backup.BackupService(), change.BackupDirectory))
            : MigrationSetup.Runner(settings);

    protected abstract Task<(BsonDocument Json, int Exit)> RunOnAsync(MigrationRunner runner, IDocumentDatabase database, TSettings settings, Output output, CancellationToken cancellationToken);

    /// <summary>Prints a run's steps and the version the database is at afterwards (the per-database summary).</summary>
    /// <param name="backupRoot">Where the run's pre-migration backup went, for the restore command a failure names.</param>
    protected static async Task<(BsonDocument Json, int Exit)> SummarizeAsync(MigrationRunner runner, IDocumentDatabase database, MigrationRunResult result, Output output, CancellationToken cancellationToken, string? backupRoot = null)
    {
        MigrationOutput.WriteRun(output, result, backupRoot);
        if (result.Stopped)
        {
            var rollback = result.Rollback is { } r ? "; " + r.Describe() : string.Empty;
            ErrorReporter.WriteError(output.ErrorConsole, $"{database.Name}: migrate run {result.RunId} stopped on request{rollback}; rerun ferry migrate {result.Action} to apply what is pending");
        }

        var status = await runner.StatusAsync(database, cancellationToken).ConfigureAwait(false);
        output.Line($"[bold]{Markup.Escape(database.Name)}[/]: {(result.DryRun ? "still " : string.Empty)}at version {Markup.Escape(status.CurrentVersion?.Text ?? "none")}, {status.Pending.Count} pending{(result.Succeeded ? string.Empty : " [red](failed)[/]")}");
        return (result.ToBson(status, backupRoot), result.Succeeded ? ExitCodes.Ok : ExitCodes.Failed);
    }

    private static async Task ForceUnlockAsync(MigrationRunner runner, IDocumentDatabase database, Output output, CancellationToken cancellationToken)
    {
        var holder = await runner.ForceUnlockAsync(database, cancellationToken).ConfigureAwait(false);
        output.Line(holder is null
            ? $"{Markup.Escape(database.Name)}: no run lock to remove"
            : $"[yellow]{Markup.Escape(database.Name)}: removed the run lock of {Markup.Escape(holder)}[/]");
    }
}

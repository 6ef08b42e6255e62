using Ferry.Cli.Infrastructure;
using Ferry.Core.Migrations;
using Ferry.Core.Storage;
using MongoDB.Bson;
using Spectre.Console;

namespace Ferry.Cli.Commands.Migrate;

/// <summary>
/// The shape of every migrate verb that works on databases: open the store, resolve <c>--db</c> (a list or a
/// pattern), do the verb on each database with its own changelog and lock, and print one summary. Under --json the
/// result is <c>{ databases: [ … ] }</c>. The exit code is the worst of the databases'; a refusal on a database after
/// others were done is that database's failure (exit 1), not bad input.
/// </summary>
public abstract class MigrateCommand<TSettings>(IAnsiConsole console, StoreRegistry stores) : FerryCommand<TSettings>(console)
    where TSettings : MigrateSettings
{
    protected sealed override async Task<int> RunAsync(TSettings settings, Output output, CancellationToken cancellationToken)
    {
        var runner = CreateRunner(settings);
        await using var store = await stores.OpenAsync(settings.ResolveUri(), cancellationToken).ConfigureAwait(false);
        var databases = await MigrationSetup.DatabasesAsync(store, settings, cancellationToken).ConfigureAwait(false);
        var results = new BsonArray();
        var exit = ExitCodes.Ok;
        foreach (var database in databases)
        {
            try
            {
                var (json, code) = await RunOnAsync(runner, database, settings, output, cancellationToken).ConfigureAwait(false);
                results.Add(json);
                exit = Math.Max(exit, code);
            }
            catch (Exception e) when (e is MigrationLockedException || (results.Count > 0 && e is Core.Errors.UserInputException or Core.Errors.OperationFailedException))
            {
                // Another runner is on this database, or (after other databases were already done) this one is
                // refused: report it and go on with the others. Exit 2 would claim nothing was written.
                results.Add(new BsonDocument { { "database", database.Name }, { "error", e.Message } });
                exit = Math.Max(exit, ResultExit.Of(output, ok: false, e.Message));
            }
        }

        output.Json(new BsonDocument { { "ok", exit == ExitCodes.Ok }, { "databases", results } });
        return exit;
    }

    /// <summary>The runner; verbs that change a database back it up first unless told not to.</summary>
    protected virtual MigrationRunner CreateRunner(TSettings settings) =>
        settings is MigrateChangeSettings { NoBackup: false } change
            ? MigrationSetup.Runner(settings, new StoreBackupBeforeMigration(new Core.Backup.BackupService(), change.BackupDirectory))
            : MigrationSetup.Runner(settings);

    protected abstract Task<(BsonDocument Json, int Exit)> RunOnAsync(MigrationRunner runner, IDocumentDatabase database, TSettings settings, Output output, CancellationToken cancellationToken);

    /// <summary>Prints a run's steps and the version the database is at afterwards (the per-database summary).</summary>
    protected static async Task<(BsonDocument Json, int Exit)> SummarizeAsync(MigrationRunner runner, IDocumentDatabase database, MigrationRunResult result, Output output, CancellationToken cancellationToken)
    {
        MigrationOutput.WriteRun(output, result);
        var status = await runner.StatusAsync(database, cancellationToken).ConfigureAwait(false);
        output.Line($"[bold]{Markup.Escape(database.Name)}[/]: {(result.DryRun ? "still " : string.Empty)}at version {Markup.Escape(status.CurrentVersion?.Text ?? "none")}, {status.Pending.Count} pending{(result.Succeeded ? string.Empty : " [red](failed)[/]")}");
        return (result.ToBson(status), result.Succeeded ? ExitCodes.Ok : ExitCodes.Failed);
    }

    protected static async Task ForceUnlockAsync(MigrationRunner runner, IDocumentDatabase database, Output output, CancellationToken cancellationToken)
    {
        var holder = await runner.ForceUnlockAsync(database, cancellationToken).ConfigureAwait(false);
        output.Line(holder is null
            ? $"{Markup.Escape(database.Name)}: no migration lock to remove"
            : $"[yellow]{Markup.Escape(database.Name)}: removed the migration lock of {Markup.Escape(holder)}[/]");
    }
}

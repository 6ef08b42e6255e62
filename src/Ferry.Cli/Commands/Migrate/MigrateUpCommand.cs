using Ferry.Cli.Infrastructure;
using Ferry.Core.Migrations;
using Ferry.Core.Storage;
using MongoDB.Bson;
using Spectre.Console;

namespace Ferry.Cli.Commands.Migrate;

/// <summary><c>ferry migrate up</c>: applies pending migrations in order; exits 1 when one failed.</summary>
public sealed class MigrateUpCommand(IAnsiConsole console, StoreRegistry stores) : MigrateCommand<MigrateUpSettings>(console, stores)
{
    protected override async Task<(BsonDocument Json, int Exit)> RunOnAsync(MigrationRunner runner, IDocumentDatabase database, MigrateUpSettings settings, Output output, CancellationToken cancellationToken)
    {
        var since = Report.AutoReport.Now();
        var result = await runner.UpAsync(database, new UpOptions
        {
            To = settings.To is null ? null : MigrationVersion.Parse(settings.To),
            Only = settings.Version is null ? null : MigrationVersion.Parse(settings.Version),
            DryRun = settings.DryRun,
            AllowChanged = settings.AllowChanged,
            AllowOutOfOrder = settings.AllowOutOfOrder,
            NoBackup = settings.NoBackup,
            NoAutoRollback = settings.NoAutoRollback,
        }, cancellationToken).ConfigureAwait(false);
        var summary = await SummarizeAsync(runner, database, result, output, cancellationToken, settings.BackupDirectory).ConfigureAwait(false);
        if (!settings.DryRun)
        {
            await Report.AutoReport.WriteAsync(settings, output, database, null, since, cancellationToken).ConfigureAwait(false);
        }

        return summary;
    }
}

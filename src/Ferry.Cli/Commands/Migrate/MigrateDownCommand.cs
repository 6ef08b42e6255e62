using Ferry.Cli.Infrastructure;
using Ferry.Core.Migrations;
using Ferry.Core.Storage;
using MongoDB.Bson;
using Spectre.Console;

namespace Ferry.Cli.Commands.Migrate;

/// <summary><c>ferry migrate down --version V</c>: runs V's down part (and, with --cascade, every later one's first).</summary>
public sealed class MigrateDownCommand(IAnsiConsole console, StoreRegistry stores) : MigrateCommand<MigrateDownSettings>(console, stores)
{
    protected override async Task<(BsonDocument Json, int Exit)> RunOnAsync(MigrationRunner runner, IDocumentDatabase database, MigrateDownSettings settings, Output output, CancellationToken cancellationToken)
    {
        var since = Report.AutoReport.Now();
        var version = MigrationVersion.Parse(settings.Version!);
        var result = await runner.DownAsync(database, new DownOptions(version) { Cascade = settings.Cascade, DryRun = settings.DryRun, NoBackup = settings.NoBackup, NoAutoRollback = settings.NoAutoRollback }, cancellationToken).ConfigureAwait(false);
        var summary = await SummarizeAsync(runner, database, result, output, cancellationToken, settings.BackupDirectory).ConfigureAwait(false);
        if (!settings.DryRun)
        {
            await Report.AutoReport.WriteAsync(settings, output, database, null, since, cancellationToken).ConfigureAwait(false);
        }

        return summary;
    }
}

using Ferry.Cli.Infrastructure;
using Ferry.Core.Migrations;
using Ferry.Core.Storage;
using MongoDB.Bson;
using Spectre.Console;

namespace Ferry.Cli.Commands.Migrate;

/// <summary><c>ferry migrate pending</c>: only the migrations not applied yet.</summary>
public sealed class MigratePendingCommand(IAnsiConsole console, StoreRegistry stores) : MigrateCommand<MigratePendingSettings>(console, stores)
{
    protected override async Task<(BsonDocument Json, int Exit)> RunOnAsync(MigrationRunner runner, IDocumentDatabase database, MigratePendingSettings settings, Output output, CancellationToken cancellationToken)
    {
        var report = await runner.StatusAsync(database, cancellationToken).ConfigureAwait(false);
        MigrationOutput.WriteStatus(output, report, pendingOnly: true);
        return (report.ToBson(pendingOnly: true), ExitCodes.Ok);
    }
}

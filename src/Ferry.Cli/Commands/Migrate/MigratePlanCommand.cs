using Ferry.Cli.Infrastructure;
using Ferry.Core.Migrations;
using Ferry.Core.Storage;
using MongoDB.Bson;
using Spectre.Console;

namespace Ferry.Cli.Commands.Migrate;

/// <summary><c>ferry migrate plan</c>: like pending, but exits 1 when anything is pending (a CI gate).</summary>
public sealed class MigratePlanCommand(IAnsiConsole console, StoreRegistry stores) : MigrateCommand<MigratePlanSettings>(console, stores)
{
    protected override async Task<(BsonDocument Json, int Exit)> RunOnAsync(MigrationRunner runner, IDocumentDatabase database, MigratePlanSettings settings, Output output, CancellationToken cancellationToken)
    {
        var report = await runner.StatusAsync(database, cancellationToken).ConfigureAwait(false);
        MigrationOutput.WriteStatus(output, report, pendingOnly: true);
        return (report.ToBson(), report.Pending.Count > 0 ? ExitCodes.Failed : ExitCodes.Ok);
    }
}

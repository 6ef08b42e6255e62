using Ferry.Cli.Infrastructure;
using Ferry.Core.Migrations;
using Ferry.Core.Storage;
using MongoDB.Bson;
using Spectre.Console;

namespace Ferry.Cli.Commands.Migrate;

/// <summary><c>ferry migrate status</c>: every migration with applied / pending / changed / missing-file / failed.</summary>
public sealed class MigrateStatusCommand(IAnsiConsole console, StoreRegistry stores) : MigrateCommand<MigrateStatusSettings>(console, stores)
{
    protected override async Task<(BsonDocument Json, int Exit)> RunOnAsync(MigrationRunner runner, IDocumentDatabase database, MigrateStatusSettings settings, Output output, CancellationToken cancellationToken)
    {
        var report = await runner.StatusAsync(database, cancellationToken).ConfigureAwait(false);
        MigrationOutput.WriteStatus(output, report, pendingOnly: false);
        return (report.ToBson(), ExitCodes.Ok);
    }
}

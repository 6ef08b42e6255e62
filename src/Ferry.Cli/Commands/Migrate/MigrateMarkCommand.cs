using Ferry.Cli.Infrastructure;
using Ferry.Core.Migrations;
using Ferry.Core.Storage;
using MongoDB.Bson;
using Spectre.Console;

namespace Ferry.Cli.Commands.Migrate;

/// <summary><c>ferry migrate mark --applied|--unapplied V</c>: edits the changelog without running anything.</summary>
public sealed class MigrateMarkCommand(IAnsiConsole console, StoreRegistry stores) : MigrateCommand<MigrateMarkSettings>(console, stores)
{
    protected override async Task<(BsonDocument Json, int Exit)> RunOnAsync(MigrationRunner runner, IDocumentDatabase database, MigrateMarkSettings settings, Output output, CancellationToken cancellationToken)
    {
        var applied = settings.Applied is not null;
        var version = MigrationVersion.Parse(settings.Applied ?? settings.Unapplied!);
        var result = await runner.MarkAsync(database, version, applied, cancellationToken).ConfigureAwait(false);
        output.Line($"{Markup.Escape(database.Name)}: marked {Markup.Escape(version.Text)} {(applied ? "applied" : "unapplied")}");
        return (result.ToBson(), ExitCodes.Ok);
    }
}

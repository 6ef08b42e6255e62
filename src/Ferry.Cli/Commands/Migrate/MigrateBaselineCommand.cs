using Ferry.Cli.Infrastructure;
using Ferry.Core.Migrations;
using Ferry.Core.Storage;
using MongoDB.Bson;
using Spectre.Console;

namespace Ferry.Cli.Commands.Migrate;

/// <summary><c>ferry migrate baseline --to V</c>: adopts an existing database by recording migrations up to V as applied.</summary>
public sealed class MigrateBaselineCommand(IAnsiConsole console, StoreRegistry stores) : MigrateCommand<MigrateBaselineSettings>(console, stores)
{
    protected override async Task<(BsonDocument Json, int Exit)> RunOnAsync(MigrationRunner runner, IDocumentDatabase database, MigrateBaselineSettings settings, Output output, CancellationToken cancellationToken)
    {
        var to = MigrationVersion.Parse(settings.To!);
        var result = await runner.BaselineAsync(database, to, cancellationToken).ConfigureAwait(false);
        output.Line($"{Markup.Escape(database.Name)}: baselined {result.Steps.Count} migration(s) up to {Markup.Escape(to.Text)}");
        return (result.ToBson(), ExitCodes.Ok);
    }
}

using Ferry.Cli.Infrastructure;
using Ferry.Core.Migrations;
using Ferry.Core.Storage;
using MongoDB.Bson;
using Spectre.Console;

namespace Ferry.Cli.Commands.Migrate;

/// <summary><c>ferry migrate create NAME</c>: writes a new migration file from the template.</summary>
public sealed class MigrateCreateCommand(IAnsiConsole console) : FerryCommand<MigrateCreateSettings>(console)
{
    protected override Task<int> RunAsync(MigrateCreateSettings settings, Output output, CancellationToken cancellationToken)
    {
        var path = MigrationScaffolder.Create(settings.Directory, settings.Name, TimeProvider.System, settings.Timestamp);
        output.Json(new BsonDocument { { "ok", true }, { "path", path } });
        output.Line($"created {Markup.Escape(path)}");
        return Task.FromResult(ExitCodes.Ok);
    }
}

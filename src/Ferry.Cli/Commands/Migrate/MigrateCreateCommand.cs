using Ferry.Cli.Infrastructure;
using Ferry.Core.Migrations;
using Ferry.Core.Time;
using Spectre.Console;

namespace Ferry.Cli.Commands.Migrate;

/// <summary><c>ferry migrate create NAME</c>: writes a new migration file from the template.</summary>
public sealed class MigrateCreateCommand(IAnsiConsole console) : FerryCommand<MigrateCreateSettings>(console)
{
    protected override Task<int> RunAsync(MigrateCreateSettings settings, Output output, CancellationToken cancellationToken)
    {
        var created = MigrationScaffolder.Create(settings.Directory, settings.Name, FixedTimeProvider.FromEnvironment(), settings.Timestamp);
        output.Json(created.ToBson());
        output.Line($"created {Markup.Escape(created.Path)}");
        return Task.FromResult(ExitCodes.Ok);
    }
}

using Ferry.Cli.Infrastructure;
using Ferry.Core.Configuration;
using Ferry.Core.Health;
using Ferry.Core.Migrations;
using Ferry.Core.Storage;
using Ferry.Core.Time;
using Ferry.Scripting.Migrations;
using Spectre.Console;

namespace Ferry.Cli.Commands.Assess;

/// <summary><c>ferry health</c>: one line per check; exit 0 healthy, 1 when a check failed (see <see cref="HealthChecker"/>).</summary>
public sealed class HealthCommand(IAnsiConsole console, StoreRegistry stores) : FerryCommand<HealthSettings>(console)
{
    protected override async Task<int> RunAsync(HealthSettings settings, Output output, CancellationToken cancellationToken)
    {
        var uri = settings.ResolveUri();
        var time = FixedTimeProvider.FromEnvironment();
        var options = new HealthOptions
        {
            Checks = settings.Checks,
            Database = settings.Stores.Find(StoreOption.Database, settings.Database)?.Value,
            BackupsDirectory = settings.Backups,
            DataDirectory = uri.Value.StartsWith("file:", StringComparison.OrdinalIgnoreCase) ? uri.Value["file:".Length..] : null,
            NeededBytes = settings.NeededBytes,
            MinFreeBytes = settings.MinFreeBytes ?? 0,
            MaxBackupAge = settings.MaxBackupAgeSpan,
            Migrations = settings.Migrations is { } folder && Directory.Exists(folder) ? new ScriptMigrationSource(folder, new JintMigrationScriptRunner(time: time)) : null,
            Endpoints = settings.Config.HealthEndpoints,
            Time = time,
        };
        var report = await new HealthChecker(options).CheckAsync(stores, uri.Value, cancellationToken).ConfigureAwait(false);

        output.Json(report.ToBson());
        foreach (var check in report.Checks)
        {
            var status = check.Status switch
            {
                HealthCheckResult.Ok => "[green]ok  [/]",
                HealthCheckResult.Warn => "[yellow]warn[/]",
                HealthCheckResult.Fail => "[red]FAIL[/]",
                _ => "[grey]skip[/]",
            };
            output.Line($"{status} {Markup.Escape(check.Name)}: {Markup.Escape(check.Message)}");
        }

        return report.Healthy ? ExitCodes.Ok : ExitCodes.Failed;
    }
}

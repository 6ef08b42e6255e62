using Ferry.Cli.Infrastructure;
using Ferry.Core.Emergency;
using Ferry.Core.Storage;
using Ferry.Core.Time;
using Spectre.Console;

namespace Ferry.Cli.Commands.Emergency;

/// <summary><c>ferry emergency stop</c>: stop every running run of the store, run the stop hooks, take an emergency backup.</summary>
public sealed class EmergencyStopCommand(IAnsiConsole console, StoreRegistry stores) : FerryCommand<EmergencyStopSettings>(console)
{
    protected override async Task<int> RunAsync(EmergencyStopSettings settings, Output output, CancellationToken cancellationToken)
    {
        await using var store = await stores.OpenAsync(settings.ResolveUri(), cancellationToken).ConfigureAwait(false);
        var databases = await settings.DatabasesAsync(store, cancellationToken).ConfigureAwait(false);
        var result = await new EmergencyStop(new EmergencyStopOptions
        {
            Timeout = settings.Timeout,
            BackupRoot = settings.Out,
            Hooks = settings.Config.Emergency.Stop,
            Time = FixedTimeProvider.FromEnvironment(),
        }).RunAsync(store, databases, cancellationToken).ConfigureAwait(false);

        output.Json(result.ToBson());
        output.Line(result.Stopped.Count == 0 && result.NotStopped.Count == 0
            ? "no run was running"
            : $"stopped: {Markup.Escape(result.Stopped.Count == 0 ? "none" : string.Join(", ", result.Stopped))}");
        foreach (var hook in result.Hooks)
        {
            output.Line($"hook {Markup.Escape(hook.Name)}: {Markup.Escape(hook.Summary)}");
        }

        if (result.BackupTag is not null)
        {
            output.Line($"emergency backup {Markup.Escape(result.BackupTag)} in {Markup.Escape(settings.Out)}: {(result.BackupVerified ? "[green]verified[/]" : "[red]failed verification[/]")}");
        }

        output.Line($"emergency run {Markup.Escape(result.RunId)} (ferry runs show {Markup.Escape(result.RunId)})");
        return ResultExit.Of(output, result.Ok, result.Ok ? null : "emergency stop: " + string.Join("; ", result.Problems));
    }
}

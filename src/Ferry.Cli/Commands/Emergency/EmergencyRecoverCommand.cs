using Ferry.Cli.Infrastructure;
using Ferry.Core.Emergency;
using Ferry.Core.Storage;
using Ferry.Core.Time;
using Spectre.Console;

namespace Ferry.Cli.Commands.Emergency;

/// <summary><c>ferry emergency recover</c>: restore the last good backup, verify, run the recover hooks, health and smoke checks.</summary>
public sealed class EmergencyRecoverCommand(IAnsiConsole console, StoreRegistry stores) : FerryCommand<EmergencySettings>(console)
{
    protected override async Task<int> RunAsync(EmergencySettings settings, Output output, CancellationToken cancellationToken)
    {
        await using var store = await stores.OpenAsync(settings.ResolveUri(), cancellationToken).ConfigureAwait(false);
        var databases = await settings.DatabasesAsync(store, cancellationToken).ConfigureAwait(false);
        var result = await new EmergencyRecover(new EmergencyRecoverOptions
        {
            BackupRoot = settings.Out,
            Hooks = settings.Config.Emergency.Recover,
            Smoke = settings.Config.Emergency.Smoke,
            Lock = settings.LockOptions(),
            Time = FixedTimeProvider.FromEnvironment(),
        }).RunAsync(store, databases, cancellationToken).ConfigureAwait(false);

        output.Json(result.ToBson());
        if (result.BackupTag is not null)
        {
            output.Line($"restored backup {Markup.Escape(result.BackupTag)} into {Markup.Escape(string.Join(", ", databases))}: {result.Documents} document(s), {(result.Verified ? "[green]counts match the backup[/]" : "[red]not verified[/]")}");
        }

        foreach (var moved in result.QuarantinedCollections)
        {
            output.Line(Markup.Escape($"{moved.Database}.{moved.Collection} ({moved.Documents} document(s)) is not in the backup (created after it): moved aside to {moved.Database}.{moved.MovedTo}, nothing deleted"));
        }

        foreach (var hook in result.Hooks.Concat(result.Smoke))
        {
            output.Line($"hook {Markup.Escape(hook.Name)}: {Markup.Escape(hook.Summary)}");
        }

        output.Line($"health: {Markup.Escape(result.Health)}");
        output.Line($"emergency run {Markup.Escape(result.RunId)} (ferry runs show {Markup.Escape(result.RunId)})");
        return ResultExit.Of(output, result.Ok, result.Ok ? null : "emergency recover: " + string.Join("; ", result.Problems));
    }
}

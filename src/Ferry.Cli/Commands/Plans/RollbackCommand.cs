using Ferry.Cli.Infrastructure;
using Ferry.Core.Plans;
using Ferry.Core.Runs;
using Ferry.Core.Storage;
using Ferry.Core.Time;
using Spectre.Console;

namespace Ferry.Cli.Commands.Plans;

/// <summary><c>ferry rollback RUN</c>: the manual rollback of a finished plan run (hooks, restore, verify, hooks, checks).</summary>
public sealed class RollbackCommand(IAnsiConsole console, StoreRegistry stores) : FerryCommand<RollbackSettings>(console)
{
    protected override async Task<int> RunAsync(RollbackSettings settings, Output output, CancellationToken cancellationToken)
    {
        await using var store = await stores.OpenAsync(settings.ResolveUri(), cancellationToken).ConfigureAwait(false);
        var result = await new ManualRollback(store, FixedTimeProvider.FromEnvironment(), settings.LockOptions())
            .RunAsync(settings.ResolveDatabase(), settings.Run, settings.ToBackup, settings.Resume, cancellationToken).ConfigureAwait(false);
        output.Json(result.ToBson());
        foreach (var hook in result.Rollback.Hooks)
        {
            output.Line(Markup.Escape(hook.Summary));
        }

        foreach (var check in result.Checks)
        {
            output.Line(Markup.Escape($"{check["name"].AsString}: {check["summary"].AsString}"));
        }

        if (result.Status == RunStatus.RollbackFailed)
        {
            output.Warning(Markup.Escape($"rollback run {result.RunId} of {result.PlanRunId}: {result.Rollback.Describe()}"));
        }
        else
        {
            output.Line(Markup.Escape($"rollback run {result.RunId} of {result.PlanRunId} {result.Status}: {result.Reason ?? result.Rollback.Describe()}"));
        }

        return result.Succeeded ? ExitCodes.Ok : ExitCodes.Failed;
    }
}

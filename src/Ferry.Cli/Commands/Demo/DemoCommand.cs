using Ferry.Cli.Infrastructure;
using Ferry.Core.Storage;
using Ferry.Demo.Workflow;
using Spectre.Console;

namespace Ferry.Cli.Commands.Demo;

/// <summary><c>ferry demo</c>: runs <see cref="DemoWorkflow"/> with live progress (or plain lines when redirected)
/// and prints the per-collection summary, the plan run's steps and where everything lives; exit 1 when the plan run
/// did not complete (rolled back, with <c>--fail-at</c>).</summary>
public sealed class DemoCommand(IAnsiConsole console, StoreRegistry stores) : FerryCommand<DemoSettings>(console)
{
    protected override async Task<int> RunAsync(DemoSettings settings, Output output, CancellationToken cancellationToken)
    {
        var options = settings.ToOptions();
        var workflow = new DemoWorkflow(stores, DemoWorkflow.Lifecycle(new Ferry.Scripting.Migrations.JintMigrationScriptRunner()));
        DemoResult result;
        if (output.IsJson)
        {
            result = await workflow.RunAsync(options, null, cancellationToken).ConfigureAwait(false);
        }
        else if (Console.Profile.Capabilities.Interactive)
        {
            result = await DemoProgressView.RunAsync(Console, progress => workflow.RunAsync(options, progress, cancellationToken)).ConfigureAwait(false);
        }
        else
        {
            result = await workflow.RunAsync(options, new PlainProgress(output), cancellationToken).ConfigureAwait(false);
        }

        output.Json(result.ToBsonDocument());
        DemoReport.Render(output, result);
        if (result.Locations.TryGetValue(Ferry.Demo.Workflow.Steps.ReportStep.Location, out var report))
        {
            output.Line(Markup.Escape($"Report of the plan run (open it in a browser): {report}"));
        }

        return result.Succeeded ? ExitCodes.Ok : ExitCodes.Failed;
    }

    /// <summary>Progress as plain lines: step messages, and each collection once written.</summary>
    private sealed class PlainProgress(Output output) : IProgress<DemoProgress>
    {
        public void Report(DemoProgress value)
        {
            if (!value.IsCollectionProgress)
            {
                output.Line(Markup.Escape($"{value.Step}: {value.Message}"));
            }
            else if (value.Done == value.Total)
            {
                output.Line(Markup.Escape($"{value.Step}: {value.Collection}: {value.Done} documents"));
            }
        }
    }
}

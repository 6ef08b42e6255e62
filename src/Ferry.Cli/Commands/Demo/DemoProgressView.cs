using Ferry.Demo.Workflow;
using Spectre.Console;

namespace Ferry.Cli.Commands.Demo;

/// <summary>The demo's live display on a terminal: one progress bar per collection being seeded, then per collection of
/// each plan step that reports documents done. Step messages are
/// collected and printed once the display closes (a live display cannot share the screen with other output).</summary>
internal static class DemoProgressView
{
    public static async Task<DemoResult> RunAsync(IAnsiConsole console, Func<IProgress<DemoProgress>, Task<DemoResult>> run)
    {
        var messages = new List<string>();
        var result = await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(context => run(new Bars(context, messages)))
            .ConfigureAwait(false);
        foreach (var message in messages)
        {
            console.MarkupLine(Markup.Escape(message));
        }

        return result;
    }

    private sealed class Bars(ProgressContext context, List<string> messages) : IProgress<DemoProgress>
    {
        private readonly Dictionary<string, ProgressTask> _tasks = [];
        private readonly Lock _lock = new();

        public void Report(DemoProgress value)
        {
            lock (_lock)
            {
                if (!value.IsCollectionProgress)
                {
                    messages.Add($"{value.Step}: {value.Message}");
                    return;
                }

                // Seeding names its bars by collection; later steps (the plan's transform, validations) by step and collection.
                var label = value.Step == "seed" ? value.Collection! : $"{value.Step}: {value.Collection}";
                if (!_tasks.TryGetValue(label, out var task))
                {
                    task = _tasks[label] = context.AddTask(Markup.Escape(label), maxValue: Math.Max(1, value.Total));
                }

                task.Value = value.Done;
            }
        }
    }
}

using Ferry.Cli.Infrastructure;
using Ferry.Core.Backup;
using Spectre.Console;

namespace Ferry.Cli.Commands.Backup;

/// <summary>
/// Shows backup/restore progress: live per-collection counters on an interactive terminal, one line per finished
/// collection otherwise, nothing under --json (stdout is one JSON document).
/// </summary>
internal static class BackupConsoleProgress
{
    public static async Task<T> RunAsync<T>(Output output, string verb, Func<IProgress<BackupProgress>?, Task<T>> work)
    {
        if (output.IsJson)
        {
            return await work(null).ConfigureAwait(false);
        }

        if (!output.Console.Profile.Capabilities.Interactive)
        {
            return await work(new LineProgress(output.Console, verb)).ConfigureAwait(false);
        }

        return await output.Console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new SpinnerColumn(), new ElapsedTimeColumn())
            .StartAsync(async context => await work(new LiveProgress(context, verb)).ConfigureAwait(false))
            .ConfigureAwait(false);
    }

    private sealed class LineProgress(IAnsiConsole console, string verb) : IProgress<BackupProgress>
    {
        private readonly Lock _gate = new();

        public void Report(BackupProgress value)
        {
            if (!value.Completed)
            {
                return;
            }

            lock (_gate)
            {
                console.MarkupLineInterpolated($"  [grey]{verb}[/] {value.Namespace}: {value.Documents} document(s)");
            }
        }
    }

    private sealed class LiveProgress(ProgressContext context, string verb) : IProgress<BackupProgress>
    {
        private readonly Dictionary<string, ProgressTask> _tasks = new(StringComparer.Ordinal);
        private readonly Lock _gate = new();

        public void Report(BackupProgress value)
        {
            lock (_gate)
            {
                if (!_tasks.TryGetValue(value.Namespace, out var task))
                {
                    task = context.AddTask(Markup.Escape(value.Namespace), maxValue: 1);
                    task.IsIndeterminate = true;
                    _tasks[value.Namespace] = task;
                }

                task.Description = Markup.Escape($"{value.Namespace}: {value.Documents:N0} document(s) {verb}");
                if (value.Completed)
                {
                    task.IsIndeterminate = false;
                    task.Value = 1;
                    task.StopTask();
                }
            }
        }
    }
}

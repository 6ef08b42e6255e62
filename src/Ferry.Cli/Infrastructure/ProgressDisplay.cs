using Ferry.Core.Progress;
using Spectre.Console;

namespace Ferry.Cli.Infrastructure;

/// <summary>
/// Progress bars with documents/s on an interactive terminal; nothing on redirected output or under --json
/// (where a plain line per finished collection would only clutter logs).
/// </summary>
public static class ProgressDisplay
{
    public static async Task<T> RunAsync<T>(Output output, string verb, Func<IProgress<ItemProgress>, Task<T>> work)
    {
        if (output.IsJson || !output.Console.Profile.Capabilities.Interactive)
        {
            return await work(new Progress<ItemProgress>(_ => { })).ConfigureAwait(false);
        }

        T result = default!;
        await output.Console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DocumentRateColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var tasks = new Dictionary<string, ProgressTask>();
                var progress = new SynchronousProgress<ItemProgress>(p =>
                {
                    if (!tasks.TryGetValue(p.Item, out var task))
                    {
                        task = tasks[p.Item] = context.AddTask($"{verb} {p.Item}", maxValue: Math.Max(1, p.Total));
                    }

                    task.MaxValue = Math.Max(1, Math.Max(p.Total, p.Done));
                    task.Value = p.Done;
                });
                result = await work(progress).ConfigureAwait(false);
            }).ConfigureAwait(false);
        return result;
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to a thread pool and race the display).</summary>
    private sealed class SynchronousProgress<TValue>(Action<TValue> report) : IProgress<TValue>
    {
        public void Report(TValue value) => report(value);
    }

    /// <summary>Documents per second of a task.</summary>
    private sealed class DocumentRateColumn : ProgressColumn
    {
        public override Spectre.Console.Rendering.IRenderable Render(Spectre.Console.Rendering.RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(task.Speed is { } speed ? $"{speed:N0} docs/s" : string.Empty);
    }
}

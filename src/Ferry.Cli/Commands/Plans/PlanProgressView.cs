using Ferry.Cli.Infrastructure;
using Ferry.Core.Plans;
using Ferry.Core.Progress;
using Spectre.Console;

namespace Ferry.Cli.Commands.Plans;

/// <summary>
/// One view across a plan's steps: on a terminal a live status line (the running step and its documents) above the
/// finished steps; when redirected, one line per step event; nothing under --json.
/// </summary>
internal static class PlanProgressView
{
    public static async Task<T> RunAsync<T>(Output output, Func<IProgress<PlanProgress>, IProgress<ItemProgress>, Task<T>> work)
    {
        if (output.IsJson)
        {
            return await work(new Lines(_ => { }), new Items(_ => { })).ConfigureAwait(false);
        }

        if (!output.Console.Profile.Capabilities.Interactive)
        {
            return await work(new Lines(p => output.Line(Markup.Escape(Describe(p)))), new Items(_ => { })).ConfigureAwait(false);
        }

        T result = default!;
        await output.Console.Status().StartAsync("starting the plan", async status =>
        {
            var current = string.Empty;
            result = await work(
                new Lines(p =>
                {
                    if (p.Status == "running")
                    {
                        current = $"[{p.Index}/{p.Count}] {p.Step}";
                        status.Status(Markup.Escape(current + ": " + p.Message));
                    }
                    else
                    {
                        output.Line(Markup.Escape(Describe(p)));
                    }
                }),
                new Items(i => status.Status(Markup.Escape($"{current}: {i.Item} {i.Done:N0}/{i.Total:N0}")))).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return result;
    }

    private static string Describe(PlanProgress p) => p.Index > 0 && p.Step != "plan" ? $"[{p.Index}/{p.Count}] {p.Step}: {p.Status}: {p.Message}" : $"{p.Step}: {p.Status}: {p.Message}";

    /// <summary>Reports on the caller's thread, in order.</summary>
    private sealed class Lines(Action<PlanProgress> report) : IProgress<PlanProgress>
    {
        public void Report(PlanProgress value) => report(value);
    }

    private sealed class Items(Action<ItemProgress> report) : IProgress<ItemProgress>
    {
        private readonly Lock _gate = new();

        public void Report(ItemProgress value)
        {
            lock (_gate)
            {
                report(value);
            }
        }
    }
}

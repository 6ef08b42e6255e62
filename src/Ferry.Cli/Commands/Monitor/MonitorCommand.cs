using Ferry.Cli.Infrastructure;
using Ferry.Core.Monitoring;
using Ferry.Core.Runs;
using Ferry.Core.Storage;
using Ferry.Core.Time;
using MongoDB.Bson;
using MongoDB.Bson.IO;
using Spectre.Console;

namespace Ferry.Cli.Commands.Monitor;

/// <summary>
/// <c>ferry monitor [RUN]</c>: follows a run from its journal until it ends: a live table on a terminal, one line per
/// interval when redirected, one JSON object per line with --json. Exit 0 when the run completed, 1 when it did not.
/// </summary>
public sealed class MonitorCommand(IAnsiConsole console, StoreRegistry stores) : FerryCommand<MonitorSettings>(console)
{
    private static readonly JsonWriterSettings JsonLine = new() { OutputMode = JsonOutputMode.RelaxedExtendedJson, Indent = false };

    protected override async Task<int> RunAsync(MonitorSettings settings, Output output, CancellationToken cancellationToken)
    {
        var database = settings.ResolveDatabase();
        await using var store = await stores.OpenAsync(settings.ResolveUri(), cancellationToken).ConfigureAwait(false);
        var monitor = new RunMonitor(new RunJournal(store.GetDatabase(database), FixedTimeProvider.FromEnvironment()), database);
        var runId = await monitor.ChooseAsync(settings.Run, cancellationToken).ConfigureAwait(false);
        var snapshots = monitor.FollowAsync(runId, TimeSpan.FromSeconds(settings.Interval), cancellationToken);

        RunSnapshot? last = null;
        if (!output.IsJson && output.Console.Profile.Capabilities.Interactive)
        {
            await output.Console.Live(new Text($"monitoring run {runId}…")).StartAsync(async live =>
            {
                await foreach (var snapshot in snapshots.ConfigureAwait(false))
                {
                    live.UpdateTarget(Render(snapshot));
                    last = snapshot;
                }
            }).ConfigureAwait(false);
        }
        else
        {
            await foreach (var snapshot in snapshots.ConfigureAwait(false))
            {
                // One line per look, written at once: a pipe or a log follows the run as it goes.
                output.Console.Profile.Out.Writer.WriteLine(output.IsJson ? snapshot.ToBson().ToJson(JsonLine) : snapshot.ToLine());
                output.Console.Profile.Out.Writer.Flush();
                last = snapshot;
            }
        }

        return last!.Status == RunStatus.Completed ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static Rows Render(RunSnapshot s)
    {
        var table = new Table().AddColumn("collection").AddColumn(new TableColumn("processed").RightAligned()).AddColumn(new TableColumn("total").RightAligned())
            .AddColumn(new TableColumn("%").RightAligned()).AddColumn(new TableColumn("docs/s").RightAligned()).AddColumn(new TableColumn("ETA").RightAligned())
            .AddColumn(new TableColumn("quarantined").RightAligned());
        foreach (var c in s.Collections)
        {
            table.AddRow(Markup.Escape(c.Name), $"{c.Processed:N0}", $"{c.Total:N0}", $"{c.Percentage:0.#}", $"{c.DocumentsPerSecond:N0}",
                c.Eta is { } eta ? $"{eta.TotalSeconds:0}s" : "?", c.Quarantined == 0 ? "0" : $"[yellow]{c.Quarantined:N0}[/]");
        }

        var colour = s.Status switch { RunStatus.Completed => "green", RunStatus.Running => "blue", _ => "red" };
        var lines = new List<Spectre.Console.Rendering.IRenderable>
        {
            new Markup($"[bold]{Markup.Escape(s.Kind)} run {Markup.Escape(s.RunId)}[/] [{colour}]{Markup.Escape(s.Status)}[/] after {s.Elapsed.TotalSeconds:N1} s"
                + $" — errors {s.Errors:N0}, quarantined {s.Quarantined:N0}, {s.DocumentsPerSecond:N0} docs/s"
                + (s.MemoryRatio is { } m ? $", memory {m * 100:0.#}%" : string.Empty)),
            table,
        };
        if (s.StatusReason is not null)
        {
            lines.Add(new Markup($"[red]{Markup.Escape(s.StatusReason)}[/]"));
        }

        foreach (var alert in s.Alerts)
        {
            lines.Add(new Markup($"[yellow]alert[/] {Markup.Escape(alert.GetValue("alert", "?").ToString()!)}: {Markup.Escape(alert.GetValue("description", string.Empty).ToString()!)}"));
        }

        return new Rows(lines);
    }
}

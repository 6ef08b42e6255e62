using System.Globalization;
using Ferry.Cli.Infrastructure;
using Ferry.Core.Assessment;
using Spectre.Console;

namespace Ferry.Cli.Commands.Assess;

/// <summary>Prints an analysis: a volumes table, each collection's fields, the references, order, cycles and complexity.</summary>
internal static class AnalysisView
{
    public static void Render(Output output, DatabaseAnalysis analysis)
    {
        var volumes = new Table().Title($"[bold]{Markup.Escape(analysis.Database)}[/] on {Markup.Escape(analysis.Store)} (sample: {analysis.Sample})")
            .AddColumn("collection").AddColumn(new TableColumn("documents").RightAligned()).AddColumn(new TableColumn("data").RightAligned())
            .AddColumn(new TableColumn("indexes").RightAligned()).AddColumn(new TableColumn("avg/max doc").RightAligned()).AddColumn("indexes").AddColumn("validator").AddColumn("complexity");
        foreach (var c in analysis.Collections)
        {
            var indexes = string.Join(", ", c.Indexes.Select(i => i.Name + (i.Unique ? " (unique)" : "") + (i.PartialFilter is null ? "" : " (partial)") + (i.TtlSeconds is { } ttl ? $" (ttl {ttl}s)" : "")));
            volumes.AddRow(Markup.Escape(c.Name), c.Count.ToString("N0", CultureInfo.InvariantCulture), Bytes(c.DataSize), Bytes(c.IndexSize),
                $"{Bytes(c.AverageDocumentSize)} / {Bytes(c.MaxDocumentSize)}", Markup.Escape(indexes), c.Validator is null ? "none" : "yes", $"{c.Complexity.Score} {c.Complexity.Level}");
        }

        output.Render(volumes);
        foreach (var c in analysis.Collections)
        {
            var fields = new Table().Title($"[bold]{Markup.Escape(c.Name)}[/]: {c.Sampled:N0} sampled").AddColumn("field").AddColumn("types (share of documents)").AddColumn("presence").AddColumn("examples");
            foreach (var f in c.Fields)
            {
                var types = string.Join(", ", f.Types.Select(t => $"{t.Type} {t.Share:P0}"));
                if (f.ArrayElementTypes.Count > 0)
                {
                    types += " of " + string.Join(", ", f.ArrayElementTypes.Select(t => t.Type));
                }

                fields.AddRow(Markup.Escape(f.Path), Markup.Escape(types), f.Always ? "always" : $"optional {f.Share:P1}", Markup.Escape(string.Join(", ", f.Examples.Select(e => e.ToString()))));
            }

            output.Render(fields);
            foreach (var reason in c.Complexity.Reasons.Concat(c.MigrationKinds.Select(k => "suits " + k)))
            {
                output.Line("  " + Markup.Escape(reason));
            }
        }

        foreach (var r in analysis.References)
        {
            output.Line(Markup.Escape($"reference {r}: {r.Matched} of {r.Checked} sampled values match ({r.Ratio:P1})"));
        }

        output.Line(Markup.Escape("dependency order: " + string.Join(", ", analysis.DependencyOrder)));
        foreach (var cycle in analysis.Cycles)
        {
            output.Line("[yellow]cycle:[/] " + Markup.Escape(string.Join(" → ", cycle)));
        }

        output.Line(Markup.Escape($"complexity: {analysis.Complexity.Score} ({analysis.Complexity.Level}); suits: {string.Join(", ", analysis.MigrationKinds)}"));
    }

    public static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.0} GiB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.0} MiB",
        >= 1L << 10 => $"{bytes / 1024.0:0.0} KiB",
        _ => $"{bytes} B",
    };
}

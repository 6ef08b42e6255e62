using System.Globalization;
using Ferry.Cli.Infrastructure;
using Ferry.Core.Assessment;
using Spectre.Console;

namespace Ferry.Cli.Commands.Assess;

/// <summary>Prints a plan: one row per step with its estimate and basis, then resources and the window.</summary>
internal static class PlanView
{
    public static void Render(Output output, MigrationPlan plan)
    {
        var table = new Table().Title($"[bold]{Markup.Escape(plan.Type)}[/] plan for {Markup.Escape(plan.Database)}: {plan.Documents:N0} documents, {plan.SampledDocuments:N0} timed")
            .AddColumn("#").AddColumn("step").AddColumn(new TableColumn("estimate").RightAligned()).AddColumn("basis");
        var n = 1;
        foreach (var step in plan.Steps)
        {
            table.AddRow((n++).ToString(CultureInfo.InvariantCulture), step.Name, Duration(step.Seconds), Markup.Escape(step.Basis));
        }

        table.AddRow("", "[bold]total[/]", $"[bold]{Duration(plan.TotalSeconds)}[/]", Markup.Escape($"confidence {plan.Confidence} (±{plan.Uncertainty:P0}): {plan.ConfidenceReason}"));
        output.Render(table);
        output.Line(Markup.Escape($"order: {string.Join(" → ", plan.DependencyOrder)}"));
        output.Line(Markup.Escape($"resources: backup disk {AnalysisView.Bytes(plan.BackupBytes)} ({AnalysisView.Bytes(plan.BackupGzipBytes)} with --gzip), memory ~{AnalysisView.Bytes(plan.MemoryBytes)}, {plan.Cores} core(s)"));
        output.Line(Markup.Escape($"maintenance window: {plan.Window.TotalMinutes:0} min; application stop: {plan.ApplicationStop} — {plan.ApplicationStopReason}"));
    }

    private static string Duration(double seconds) => seconds < 120 ? $"{seconds:0.0} s" : $"{seconds / 60:0.0} min";
}

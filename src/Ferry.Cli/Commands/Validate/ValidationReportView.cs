using Ferry.Cli.Infrastructure;
using Ferry.Core.Validation;
using Spectre.Console;

namespace Ferry.Cli.Commands.Validate;

/// <summary>Prints a validation report as tables: one row per rule, failures in red with sample ids.</summary>
internal static class ValidationReportView
{
    public static void Render(Output output, ValidationReport report)
    {
        foreach (var collection in report.Collections)
        {
            var table = new Table().Title($"[bold]{Markup.Escape(collection.Name)}[/]: {collection.Checked:N0} checked, {collection.Valid:N0} valid, {collection.Invalid:N0} invalid")
                .AddColumn("rule").AddColumn(new TableColumn("failed").RightAligned()).AddColumn("samples");
            foreach (var rule in collection.Rules)
            {
                var failed = rule.Failed == 0 ? "[green]0[/]" : $"[red]{rule.Failed:N0}[/]";
                var samples = string.Join(", ", rule.Samples.Select(s => $"{s.Id} ({s.Reason})"));
                table.AddRow(Markup.Escape(rule.Id), failed, Markup.Escape(samples));
            }

            output.Render(table);
        }

        output.Line(report.Passed
            ? $"[green]all rules hold[/] ({report.Checked:N0} documents, {report.Duration.TotalSeconds:N1} s)"
            : $"[red]{report.FailedRules} rule(s) failed[/] on {report.Invalid:N0} of {report.Checked:N0} documents ({report.Duration.TotalSeconds:N1} s)");
    }
}

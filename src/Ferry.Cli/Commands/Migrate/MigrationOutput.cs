using Ferry.Cli.Infrastructure;
using Ferry.Core.Migrations;
using Spectre.Console;

namespace Ferry.Cli.Commands.Migrate;

/// <summary>How migrate verbs show their results to people: lines and tables (--json documents are the results' own <c>ToBson()</c>).</summary>
public static class MigrationOutput
{
    public static void WriteStatus(Output output, MigrationStatusReport report, bool pendingOnly)
    {
        output.Line($"[bold]{Markup.Escape(report.Database)}[/]: current version {Markup.Escape(report.CurrentVersion?.Text ?? "none")}, {report.Pending.Count} pending");
        var rows = pendingOnly ? report.Pending : report.Rows;
        if (rows.Count == 0)
        {
            return;
        }

        var table = new Table().AddColumns("version", "description", "file", "state", "applied at");
        foreach (var row in rows)
        {
            table.AddRow(
                Markup.Escape(row.Version.Text),
                Markup.Escape(row.Description),
                Markup.Escape(row.Source),
                Markup.Escape(MigrationRunner.StateText(row.State)),
                row.Entry is { CountsAsApplied: true } e ? e.AppliedAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture) : string.Empty);
        }

        output.Render(table);
    }

    public static void WriteRun(Output output, MigrationRunResult result, string? backupRoot = null)
    {
        if (result.BackupTag is not null)
        {
            output.Line($"{Markup.Escape(result.Database)}: backed up first as [bold]{Markup.Escape(result.BackupTag)}[/] (ferry backup restore --tag {Markup.Escape(result.BackupTag)} undoes the run)");
        }

        if (result.Notice is not null)
        {
            output.Warning($"{Markup.Escape(result.Database)}: {Markup.Escape(result.Notice)}");
        }

        if (result.Steps.Count == 0)
        {
            output.Line($"{Markup.Escape(result.Database)}: nothing to do");
            return;
        }

        foreach (var step in result.Steps)
        {
            var direction = step.Direction == MigrationDirection.Up ? "up" : "down";
            var line = $"{Markup.Escape(result.Database)}: {direction} {Markup.Escape(step.Version.Text)} {Markup.Escape(step.Description)} ({Markup.Escape(step.Source)})";
            output.Line(step.Outcome switch
            {
                StepOutcome.Planned => $"[grey]would run[/] {line}",
                StepOutcome.Succeeded => $"[green]ok[/] {line} in {step.Duration.TotalMilliseconds:0} ms",
                _ => $"[red]failed[/] {line}: {Markup.Escape(step.Error ?? "error")}",
            });
            foreach (var write in step.Writes)
            {
                output.Line($"    [grey]{Markup.Escape(write.ToString())}[/]");
            }
        }

        if (result.Rollback is { } rollback)
        {
            var line = $"{Markup.Escape(result.Database)}: {Markup.Escape(rollback.Describe())}";
            if (rollback.Succeeded)
            {
                output.Line(line);
            }
            else
            {
                output.Warning(line);
            }
        }

        if (result.RestoreCommand(backupRoot) is { } restore)
        {
            output.Line($"{Markup.Escape(result.Database)}: the writes the failed migration made stay; to undo them, restore the verified backup {Markup.Escape(result.BackupTag!)}: {Markup.Escape(restore)}");
        }
    }
}

using Ferry.Cli.Infrastructure;
using Ferry.Core.Migrations;
using MongoDB.Bson;
using Spectre.Console;

namespace Ferry.Cli.Commands.Migrate;

/// <summary>How migrate verbs show their results: lines and tables for people, documents for --json.</summary>
public static class MigrationOutput
{
    public static BsonDocument StatusJson(MigrationStatusReport report) => new()
    {
        { "database", report.Database },
        { "currentVersion", (BsonValue?)report.CurrentVersion?.Text ?? BsonNull.Value },
        { "pending", report.Pending.Count },
        {
            "migrations", new BsonArray(report.Rows.Select(r => new BsonDocument
            {
                { "version", r.Version.Text },
                { "description", r.Description },
                { "fileName", r.Source },
                { "state", State(r.State) },
                { "appliedAt", r.Entry is { CountsAsApplied: true } e ? new BsonDateTime(e.AppliedAt.UtcDateTime) : BsonNull.Value },
            }))
        },
    };

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

    public static BsonDocument RunJson(MigrationRunResult result, string? backupRoot = null) => new()
    {
        { "database", result.Database },
        { "runId", result.RunId },
        { "action", result.Action },
        { "dryRun", result.DryRun },
        { "succeeded", result.Succeeded },
        { "backupTag", (BsonValue?)result.BackupTag ?? BsonNull.Value },
        { "notice", (BsonValue?)result.Notice ?? BsonNull.Value },
        { "restoreCommand", (BsonValue?)RestoreCommand(result, backupRoot) ?? BsonNull.Value },
        {
            "steps", new BsonArray(result.Steps.Select(s => new BsonDocument
            {
                { "version", s.Version.Text },
                { "description", s.Description },
                { "fileName", s.Source },
                { "direction", s.Direction == MigrationDirection.Up ? "up" : "down" },
                { "outcome", s.Outcome.ToString().ToLowerInvariant() },
                { "durationMs", (long)s.Duration.TotalMilliseconds },
                { "error", (BsonValue?)s.Error ?? BsonNull.Value },
                { "writes", new BsonArray(s.Writes.Select(w => w.ToBson())) },
            }))
        },
    };

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

        if (RestoreCommand(result, backupRoot) is { } restore)
        {
            output.Line($"{Markup.Escape(result.Database)}: the writes the failed migration made stay; to undo them, restore the verified backup {Markup.Escape(result.BackupTag!)}: {Markup.Escape(restore)}");
        }
    }

    /// <summary>
    /// After a failed run that took a backup: the command that puts the database's collections back as they were
    /// before the run, keeping Ferry's own bookkeeping (the changelog with the failure, the history, the released
    /// lock) as it is now. Null when nothing failed or there is no backup.
    /// </summary>
    public static string? RestoreCommand(MigrationRunResult result, string? backupRoot) =>
        result.Succeeded || result.DryRun || result.BackupTag is null
            ? null
            : $"ferry backup restore --tag {result.BackupTag}{(backupRoot is null ? string.Empty : " --out " + Quote(backupRoot))} --db {Quote(result.Database)} --drop --ns-exclude {Quote(result.Database + "._ferry_*")} --uri <the same URI>";

    private static string Quote(string text) =>
        text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '/') ? text : "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string State(MigrationState state) => state switch
    {
        MigrationState.MissingFile => "missing-file",
        _ => state.ToString().ToLowerInvariant(),
    };
}

using MongoDB.Bson;

namespace Ferry.Core.Migrations;

/// <summary>How one step of a run ended.</summary>
public enum StepOutcome
{
    Succeeded,
    Failed,

    /// <summary>Listed by a dry run; not run.</summary>
    Planned,
}

/// <summary>One migration run (or planned) in one direction.</summary>
public sealed record MigrationStepResult(MigrationVersion Version, string Description, string Source, MigrationDirection Direction, StepOutcome Outcome, TimeSpan Duration)
{
    public string? Error { get; init; }

    /// <summary>In a dry run: the writes the step would have made, each with how many documents it would touch.</summary>
    public IReadOnlyList<DryRun.RecordedWrite> Writes { get; init; } = [];

    public BsonDocument ToBson() => new()
    {
        { "version", Version.Text },
        { "description", Description },
        { "fileName", Source },
        { "direction", Direction == MigrationDirection.Up ? "up" : "down" },
        { "outcome", Outcome.ToString().ToLowerInvariant() },
        { "durationMs", (long)Duration.TotalMilliseconds },
        { "error", (BsonValue?)Error ?? BsonNull.Value },
        { "writes", new BsonArray(Writes.Select(w => w.ToBson())) },
    };
}

/// <summary>
/// What a run did on one database: each step in order, stopping at the first failure (an expected outcome, not an
/// exception — later steps are not attempted), and how the failure was rolled back (<see cref="Rollback"/>).
/// </summary>
public sealed record MigrationRunResult(string Database, string RunId, string Action, bool DryRun, IReadOnlyList<MigrationStepResult> Steps)
{
    public string? BackupTag { get; init; }

    /// <summary>Set when a stale lock was taken over to do this run.</summary>
    public string? Notice { get; init; }

    /// <summary>After a failure: the automatic rollback to the pre-migration backup (null with --no-auto-rollback,
    /// when nothing failed, and in a dry run, which writes nothing).</summary>
    public MigrationRollback? Rollback { get; init; }

    /// <summary>A stop request ended the run (between migrations, or abandoning one, which is then rolled back).</summary>
    public bool Stopped { get; init; }

    public bool Succeeded => !Stopped && Steps.All(s => s.Outcome != StepOutcome.Failed);

    public MigrationStepResult? FailedStep => Steps.FirstOrDefault(s => s.Outcome == StepOutcome.Failed);

    /// <summary>
    /// One database in <c>migrate up|down|baseline|mark --json</c>; with <paramref name="after"/> (the database's
    /// status once the run is over) also the version it is at and how many migrations are still pending.
    /// </summary>
    /// <param name="backupRoot">Where the run's pre-migration backup went, for the restore command a failure names.</param>
    public BsonDocument ToBson(MigrationStatusReport? after = null, string? backupRoot = null)
    {
        var json = new BsonDocument
        {
            { "database", Database },
            { "runId", RunId },
            { "action", Action },
            { "dryRun", DryRun },
            { "succeeded", Succeeded },
            { "stopped", Stopped },
            { "backupTag", (BsonValue?)BackupTag ?? BsonNull.Value },
            { "notice", (BsonValue?)Notice ?? BsonNull.Value },
            { "restoreCommand", (BsonValue?)RestoreCommand(backupRoot) ?? BsonNull.Value },
            { "rollback", (BsonValue?)Rollback?.ToBson() ?? BsonNull.Value },
            { "steps", new BsonArray(Steps.Select(s => s.ToBson())) },
        };
        if (after is not null)
        {
            json["currentVersion"] = (BsonValue?)after.CurrentVersion?.Text ?? BsonNull.Value;
            json["pending"] = after.Pending.Count;
        }

        return json;
    }

    /// <summary>
    /// After a failed run that took a backup: the command that puts the database's collections back as they were
    /// before the run, keeping Ferry's own bookkeeping (the changelog with the failure, the history, the released
    /// lock) as it is now. Null when nothing failed, there is no backup, or the automatic rollback already did it.
    /// </summary>
    public string? RestoreCommand(string? backupRoot) =>
        FailedStep is null || DryRun || BackupTag is null || Rollback is { Succeeded: true }
            ? null
            : $"ferry backup restore --tag {BackupTag}{(backupRoot is null ? string.Empty : " --out " + Quote(backupRoot))} --db {Quote(Database)} --drop --ns-exclude {Quote(Database + "._ferry_*")} --uri <the same URI>";

    private static string Quote(string text) =>
        text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '/') ? text : "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}

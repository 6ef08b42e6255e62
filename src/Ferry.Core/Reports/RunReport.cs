using System.Globalization;
using MongoDB.Bson;

namespace Ferry.Core.Reports;

/// <summary>
/// What happened in one run, read from its journal document (and its child runs, its quarantine entries and its
/// backups' verification): the guide's <c>generate_migration_report</c> fields plus Ferry's detail. The JSON, Markdown
/// and HTML renderings all print these same numbers. Built by <see cref="RunReportBuilder"/>.
/// </summary>
public sealed record RunReport
{
    public required string MigrationId { get; init; }

    public required string Kind { get; init; }

    public required string Database { get; init; }

    public required string Status { get; init; }

    public string? StatusReason { get; init; }

    public required DateTime StartTime { get; init; }

    public DateTime? EndTime { get; init; }

    public long? DurationMs { get; init; }

    public string? ParentRunId { get; init; }

    public required DateTime GeneratedAt { get; init; }

    public required ReportStatistics Statistics { get; init; }

    public IReadOnlyList<ReportCollection> Collections { get; init; } = [];

    public required ReportPerformance Performance { get; init; }

    public IReadOnlyList<ReportError> Errors { get; init; } = [];

    public IReadOnlyList<ReportStep> Steps { get; init; } = [];

    public IReadOnlyList<ReportChildRun> Children { get; init; } = [];

    public IReadOnlyList<ReportBackup> Backups { get; init; } = [];

    public IReadOnlyList<ReportValidationRule> Validation { get; init; } = [];

    public IReadOnlyList<ReportQuarantineReason> Quarantine { get; init; } = [];

    public IReadOnlyList<ReportAlert> Alerts { get; init; } = [];

    public IReadOnlyList<ReportRollback> Rollbacks { get; init; } = [];

    public IReadOnlyList<ReportSample> Samples { get; init; } = [];

    /// <summary>The outcome in a word a reader expects: succeeded, failed, rolled back, stopped or still running.</summary>
    public string Outcome => Status switch
    {
        Runs.RunStatus.Completed => "succeeded",
        Runs.RunStatus.RolledBack => "rolled back",
        Runs.RunStatus.RollbackFailed => "failed (its rollback did not verify)",
        Runs.RunStatus.Stopped => "stopped",
        Runs.RunStatus.Running => "still running",
        _ => "failed",
    };

    /// <summary>True when the run succeeded (the report verb exits 0), false otherwise (exit 1).</summary>
    public bool Succeeded => Status == Runs.RunStatus.Completed;

    /// <summary>The one sentence at the top of every rendering.</summary>
    public string Headline
    {
        get
        {
            var s = Statistics;
            var what = $"The {Kind} run {MigrationId} {Outcome}";
            var numbers = s.TotalDocuments > 0 || s.ProcessedDocuments > 0
                ? $": {Number(s.ProcessedDocuments)} of {Number(s.TotalDocuments)} documents processed, {Number(s.ErrorCount)} errors ({Number(s.QuarantinedDocuments)} quarantined)"
                : Steps.Count > 0 ? $": {Steps.Count(st => st.Status == Runs.RunStatus.Completed)} of {Steps.Count} steps completed" : string.Empty;
            var duration = DurationMs is { } ms ? $" in {Number(ms / 1000.0)} s" : string.Empty;
            var reason = StatusReason is { Length: > 0 } r && !Succeeded ? $" ({r})" : string.Empty;
            return what + numbers + duration + reason + ".";
        }
    }

    /// <summary>Numbers as every rendering prints them: integers plain, fractions as the shortest round-trip text.</summary>
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc cref="Number(long)"/>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Times as every rendering prints them (UTC, ISO 8601, milliseconds).</summary>
    public static string Time(DateTime value) => value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The JSON report (see docs/report.schema.json): the guide's field names first, then Ferry's detail.</summary>
    public BsonDocument ToBson() => new()
    {
        { "migration_id", MigrationId },
        { "start_time", Time(StartTime) },
        { "end_time", EndTime is { } end ? Time(end) : BsonNull.Value },
        { "duration", DurationMs is { } d ? d / 1000.0 : BsonNull.Value },
        { "status", Status },
        {
            "statistics", new BsonDocument
            {
                { "total_documents", Statistics.TotalDocuments },
                { "processed_documents", Statistics.ProcessedDocuments },
                { "success_rate", Statistics.SuccessRate },
                { "error_count", Statistics.ErrorCount },
                { "error_rate", Statistics.ErrorRate },
                { "written_documents", Statistics.WrittenDocuments },
                { "quarantined_documents", Statistics.QuarantinedDocuments },
                { "run_errors", Statistics.RunErrors },
            }
        },
        { "collections", new BsonDocument(Collections.Select(c => new BsonElement(CollectionKey(c), CollectionToBson(c)))) },
        { "performance_metrics", Performance.ToBson() },
        { "errors", new BsonArray(Errors.Select(e => new BsonDocument { { "at", Optional(e.At) }, { "message", e.Message }, { "run_id", e.RunId } })) },
        { "kind", Kind },
        { "database", Database },
        { "status_reason", (BsonValue?)StatusReason ?? BsonNull.Value },
        { "outcome", Outcome },
        { "headline", Headline },
        { "duration_ms", DurationMs is { } ms ? ms : BsonNull.Value },
        { "parent_run_id", (BsonValue?)ParentRunId ?? BsonNull.Value },
        { "generated_at", Time(GeneratedAt) },
        { "steps", new BsonArray(Steps.Select(StepToBson)) },
        { "child_runs", new BsonArray(Children.Select(c => new BsonDocument { { "run_id", c.RunId }, { "kind", c.Kind }, { "status", c.Status }, { "duration_ms", c.DurationMs is { } cd ? cd : BsonNull.Value } })) },
        { "backups", new BsonArray(Backups.Select(BackupToBson)) },
        { "validation", new BsonArray(Validation.Select(v => new BsonDocument { { "collection", v.Collection }, { "rule", v.Rule }, { "kind", v.Kind }, { "field", (BsonValue?)v.Field ?? BsonNull.Value }, { "failed", v.Failed } })) },
        { "quarantine", new BsonArray(Quarantine.Select(q => new BsonDocument { { "collection", q.Collection }, { "reason", q.Reason }, { "count", q.Count } })) },
        { "alerts", new BsonArray(Alerts.Select(a => new BsonDocument { { "alert", a.Alert }, { "at", Optional(a.At) }, { "description", a.Description }, { "run_id", a.RunId } })) },
        { "rollbacks", new BsonArray(Rollbacks.Select(r => new BsonDocument { { "status", r.Status }, { "at", Optional(r.At) }, { "reason", (BsonValue?)r.Reason ?? BsonNull.Value }, { "backup_tag", (BsonValue?)r.BackupTag ?? BsonNull.Value } })) },
        { "samples", new BsonArray(Samples.Select(SampleToBson)) },
    };

    private static BsonValue Optional(DateTime? at) => at is { } t ? Time(t) : BsonNull.Value;

    private static BsonDocument CollectionToBson(ReportCollection c) => new()
    {
        { "total", c.Total },
        { "processed", c.Processed },
        { "written", c.Written },
        { "quarantined", c.Quarantined },
        { "percentage", c.Percentage },
        { "run_id", c.RunId },
    };

    // The guide keys collections by name; a plan's steps can each touch the same collection (a transform writes
    // assessments, the repair after it fixes them), so a name that several runs report is keyed with its run as well.
    private string CollectionKey(ReportCollection c) =>
        Collections.Count(other => other.Name == c.Name) > 1 ? $"{c.Name} ({c.RunId})" : c.Name;

    private static BsonDocument StepToBson(ReportStep s) => new()
    {
        { "name", s.Name },
        { "verb", s.Verb },
        { "status", s.Status },
        { "started_at", Optional(s.StartedAt) },
        { "ended_at", Optional(s.EndedAt) },
        { "duration_ms", s.DurationMs is { } ms ? ms : BsonNull.Value },
        { "summary", (BsonValue?)s.Summary ?? BsonNull.Value },
        { "backup_tag", (BsonValue?)s.BackupTag ?? BsonNull.Value },
        { "run_id", (BsonValue?)s.RunId ?? BsonNull.Value },
    };

    private static BsonDocument BackupToBson(ReportBackup b) => new()
    {
        { "tag", b.Tag },
        { "run_id", b.RunId },
        { "verified", b.Verified is { } v ? v : BsonNull.Value },
        { "verified_at", Optional(b.VerifiedAt) },
        { "problems", b.Problems is { } p ? p : BsonNull.Value },
        { "documents", b.Documents is { } n ? n : BsonNull.Value },
        { "note", (BsonValue?)b.Note ?? BsonNull.Value },
    };

    private static BsonDocument SampleToBson(ReportSample s) => new()
    {
        { "at", Time(s.At) },
        { "elapsed_ms", s.ElapsedMs },
        { "processed", s.Processed },
        { "quarantined", s.Quarantined },
        { "errors", s.Errors },
        { "documents_per_second", s.DocumentsPerSecond },
        { "memory_ratio", s.MemoryRatio },
    };
}

namespace Ferry.Core.Reports;

/// <summary>
/// The guide's statistics, with counts meaning what a reader thinks: a quarantined document is an error
/// (<see cref="ErrorCount"/> = quarantined documents + errors the run recorded), and the success rate counts documents
/// that made it through (processed and not quarantined) out of all there were.
/// </summary>
public sealed record ReportStatistics(long TotalDocuments, long ProcessedDocuments, long WrittenDocuments, long QuarantinedDocuments, long RunErrors)
{
    public long SucceededDocuments => Math.Max(0, ProcessedDocuments - QuarantinedDocuments);

    public long ErrorCount => QuarantinedDocuments + RunErrors;

    /// <summary>Percent of all documents that went through without being quarantined (100 when there were none).</summary>
    public double SuccessRate => Percent(SucceededDocuments, TotalDocuments, whenEmpty: 100);

    /// <summary>Percent of all documents that were quarantined or failed (0 when there were none).</summary>
    public double ErrorRate => Percent(ErrorCount, TotalDocuments, whenEmpty: 0);

    // Rounded to two decimals so the stored number is the one a reader expects (15.2, not 15.199999999999999).
    internal static double Percent(long part, long whole, double whenEmpty) => whole > 0 ? Math.Round(100.0 * part / whole, 2) : whenEmpty;
}

/// <summary>One collection of the run (or of one of its child runs).</summary>
public sealed record ReportCollection(string Name, long Total, long Processed, long Written, long Quarantined, string RunId)
{
    public double Percentage => ReportStatistics.Percent(Processed, Total, whenEmpty: 100);
}

/// <summary>One step of a plan run.</summary>
public sealed record ReportStep(string Name, string Verb, string Status, DateTime? StartedAt, DateTime? EndedAt, long? DurationMs, string? Summary, string? BackupTag, string? RunId);

/// <summary>A backup the run (or a child run) recorded, with its last verification from the backup catalog.</summary>
public sealed record ReportBackup(string Tag, string RunId, bool? Verified, DateTime? VerifiedAt, int? Problems, long? Documents, string? Note);

/// <summary>One validation rule's failures.</summary>
public sealed record ReportValidationRule(string Collection, string Rule, string Kind, string? Field, long Failed);

/// <summary>How many documents were quarantined from a collection for one reason.</summary>
public sealed record ReportQuarantineReason(string Collection, string Reason, long Count);

/// <summary>An alert that fired during the run.</summary>
public sealed record ReportAlert(string Alert, DateTime? At, string Description, string RunId);

/// <summary>A rollback of the run: its outcome, when, why, and from which backup.</summary>
public sealed record ReportRollback(string Status, DateTime? At, string? Reason, string? BackupTag);

/// <summary>A progress sample (the throughput chart's points).</summary>
public sealed record ReportSample(DateTime At, long ElapsedMs, long Processed, long Quarantined, long Errors, double DocumentsPerSecond, double MemoryRatio);

/// <summary>A run started inside this one (a plan's step).</summary>
public sealed record ReportChildRun(string RunId, string Kind, string Status, long? DurationMs);

/// <summary>An error the run recorded (already redacted by the journal).</summary>
public sealed record ReportError(DateTime? At, string Message, string RunId);

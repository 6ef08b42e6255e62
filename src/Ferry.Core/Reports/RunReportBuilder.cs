using Ferry.Core.Backup;
using Ferry.Core.Errors;
using Ferry.Core.Quarantine;
using Ferry.Core.Runs;
using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Core.Reports;

/// <summary>
/// Builds a <see cref="RunReport"/> from a run's journal document as the journal shows it (redacted), whatever verb
/// ran it: the run's own collections, errors, alerts and samples, those of the runs started inside it (a plan's steps,
/// found by <c>parent_run_id</c>), its quarantine entries grouped by reason, and the verification of every backup tag
/// it recorded. Fields a kind of run does not write are simply empty in the report.
/// </summary>
public sealed partial class RunReportBuilder(IDocumentDatabase database, TimeProvider? time = null)
{
    /// <summary>At most this many (collection, reason) rows in the quarantine section; the rest are summed in one row.</summary>
    public const int MaxQuarantineReasons = 50;

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>The newest run that no other run started (the plan rather than its steps), or null when there is none.</summary>
    public async Task<string?> LastRunIdAsync(CancellationToken cancellationToken = default)
    {
        string? last = null;
        await foreach (var run in new RunJournal(database, _time).ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (run.GetValue("parent_run_id", BsonNull.Value).IsBsonNull)
            {
                last = run["_id"].AsString;
            }
        }

        return last;
    }

    /// <summary>The report of <paramref name="runId"/>; <paramref name="backupRoot"/> is where its backups' catalog is
    /// (default: the root the run recorded in its spec, if any).</summary>
    public async Task<RunReport> BuildAsync(string runId, string? backupRoot = null, CancellationToken cancellationToken = default)
    {
        var journal = new RunJournal(database, _time);
        var run = await journal.GetAsync(runId, cancellationToken).ConfigureAwait(false)
            ?? throw new UserInputException($"no run '{runId}' in {database.Name}.{RunJournal.CollectionName} (see ferry runs list)");
        var children = new List<BsonDocument>();
        await foreach (var other in journal.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (other.GetValue("parent_run_id", BsonNull.Value) is BsonString parent && parent.Value == runId)
            {
                children.Add(other);
            }
        }

        var runs = new List<BsonDocument> { run };
        runs.AddRange(children);
        var collections = runs.SelectMany(CollectionsOf).ToList();
        var quarantine = await QuarantineAsync(runs.Select(r => r["_id"].AsString).ToList(), cancellationToken).ConfigureAwait(false);
        var journalQuarantined = collections.Sum(c => c.Quarantined);
        var statistics = new ReportStatistics(
            collections.Sum(c => c.Total),
            collections.Sum(c => c.Processed),
            collections.Sum(c => c.Written),
            // Kinds that do not count quarantine per collection still have their entries in _ferry_quarantine.
            journalQuarantined > 0 ? journalQuarantined : quarantine.Sum(q => q.Count),
            runs.Sum(r => Long(r, "error_count") ?? 0));
        var startTime = Date(run, "started_at") ?? DateTime.UnixEpoch;
        var samples = SamplesOf(run, children, startTime);
        var durationMs = Long(run, "duration_ms");

        return new RunReport
        {
            MigrationId = runId,
            Kind = Text(run, "kind") ?? "unknown",
            Database = database.Name,
            Status = Text(run, "status") ?? "unknown",
            StatusReason = Redacted(Text(run, "status_reason")),
            StartTime = startTime,
            EndTime = Date(run, "ended_at"),
            DurationMs = durationMs,
            ParentRunId = Text(run, "parent_run_id"),
            GeneratedAt = _time.GetUtcNow().UtcDateTime,
            Statistics = statistics,
            Collections = collections,
            Performance = new ReportPerformance(
                durationMs is > 0 ? Math.Round(statistics.ProcessedDocuments / (durationMs.Value / 1000.0), 1) : 0,
                samples.Count == 0 ? 0 : samples.Max(s => s.DocumentsPerSecond),
                samples.Count == 0 ? 0 : samples.Max(s => s.MemoryRatio),
                samples.Count,
                run.GetValue("metrics", new BsonDocument()) as BsonDocument ?? []),
            Errors = runs.SelectMany(r => Array(r, "errors").Select(e => new ReportError(Date(e, "at"), Redacted(Text(e, "message")) ?? e.ToJson(), r["_id"].AsString))).ToList(),
            Steps = Array(run, "steps").Select(StepOf).ToList(),
            Children = children.Select(c => new ReportChildRun(c["_id"].AsString, Text(c, "kind") ?? "unknown", Text(c, "status") ?? "unknown", Long(c, "duration_ms"))).ToList(),
            Backups = await BackupsAsync(run, runs, backupRoot, cancellationToken).ConfigureAwait(false),
            Validation = runs.SelectMany(r => ValidationOf(r.GetValue("validation", BsonNull.Value)))
                .Concat(Array(run, "steps").Where(s => Text(s, "verb") == "validate" && StepRunId(s) is null).SelectMany(s => ValidationOf(s.GetValue("result", BsonNull.Value))))
                .ToList(),
            Quarantine = quarantine,
            Alerts = runs.SelectMany(r => Array(r, "alerts").Select(a => new ReportAlert(Text(a, "alert") ?? "alert", Date(a, "at"), Redacted(Text(a, "description")) ?? string.Empty, r["_id"].AsString))).ToList(),
            Rollbacks = RollbacksOf(run),
            Samples = samples,
        };
    }

    private static IEnumerable<ReportCollection> CollectionsOf(BsonDocument run)
    {
        if (run.GetValue("collections", BsonNull.Value) is not BsonDocument collections)
        {
            yield break;
        }

        foreach (var element in collections)
        {
            if (element.Value is BsonDocument c)
            {
                yield return new ReportCollection(element.Name, Long(c, "total") ?? 0, Long(c, "processed") ?? 0, Long(c, "written") ?? 0, Long(c, "quarantined") ?? 0, run["_id"].AsString);
            }
        }
    }

    private async Task<IReadOnlyList<ReportQuarantineReason>> QuarantineAsync(IReadOnlyList<string> runIds, CancellationToken cancellationToken)
    {
        var pipeline = new BsonArray
        {
            new BsonDocument("$match", new BsonDocument("run_id", new BsonDocument("$in", new BsonArray(runIds)))),
            new BsonDocument("$group", new BsonDocument { { "_id", new BsonDocument { { "collection", "$collection" }, { "reason", "$reason" } } }, { "count", new BsonDocument("$sum", 1) } }),
        };
        var groups = new List<ReportQuarantineReason>();
        await foreach (var group in database.GetCollection(QuarantineStore.CollectionName).AggregateAsync(pipeline, null, cancellationToken).ConfigureAwait(false))
        {
            var key = group["_id"].AsBsonDocument;
            groups.Add(new ReportQuarantineReason(Text(key, "collection") ?? "?", Generalized(Redacted(Text(key, "reason")) ?? "(no reason recorded)"), group["count"].ToInt64()));
        }

        // Reasons that differ only by the document they name (an ObjectId) are one reason to a reader.
        groups = groups.GroupBy(g => (g.Collection, g.Reason)).Select(g => new ReportQuarantineReason(g.Key.Collection, g.Key.Reason, g.Sum(x => x.Count))).ToList();
        var ordered = groups.OrderByDescending(g => g.Count).ThenBy(g => g.Collection, StringComparer.Ordinal).ThenBy(g => g.Reason, StringComparer.Ordinal).ToList();
        if (ordered.Count <= MaxQuarantineReasons)
        {
            return ordered;
        }

        var rest = ordered.Skip(MaxQuarantineReasons - 1).ToList();
        return [.. ordered.Take(MaxQuarantineReasons - 1), new ReportQuarantineReason("(several)", $"{rest.Count} other reasons", rest.Sum(g => g.Count))];
    }

    private static string Generalized(string reason) => ObjectIdText().Replace(reason, "…");

    [System.Text.RegularExpressions.GeneratedRegex("\\b[0-9a-fA-F]{24}\\b")]
    private static partial System.Text.RegularExpressions.Regex ObjectIdText();

    private static async Task<IReadOnlyList<ReportBackup>> BackupsAsync(BsonDocument run, IReadOnlyList<BsonDocument> runs, string? backupRoot, CancellationToken cancellationToken)
    {
        var tags = new List<(string Tag, string RunId)>();
        foreach (var r in runs)
        {
            if (Text(r, "backup_tag") is { } tag)
            {
                tags.Add((tag, r["_id"].AsString));
            }
        }

        foreach (var step in Array(run, "steps"))
        {
            if (Text(step, "backup_tag") is { } tag)
            {
                tags.Add((tag, StepRunId(step) ?? run["_id"].AsString));
            }
        }

        tags = tags.DistinctBy(t => t.Tag, StringComparer.Ordinal).ToList();
        if (tags.Count == 0)
        {
            return [];
        }

        var spec = run.GetValue("spec", new BsonDocument()) as BsonDocument ?? [];
        var root = backupRoot ?? Text(spec, "backup_root") ?? Text(spec, "backups") ?? Text(spec, "root");
        IReadOnlyList<BackupEntry> entries = [];
        string? problem = null;
        if (root is null)
        {
            problem = "no backup root known: pass --backup-root to show its verification";
        }
        else
        {
            try
            {
                entries = await new BackupCatalog(root).ListAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is UserInputException or IOException or UnauthorizedAccessException)
            {
                problem = $"the backup catalog in {root} cannot be read: {e.Message}";
            }
        }

        return tags.Select(t => entries.FirstOrDefault(e => e.Tag == t.Tag) is { } entry
                ? new ReportBackup(t.Tag, t.RunId, entry.Verification?.Ok, entry.Verification?.At.UtcDateTime, entry.Verification?.Problems, entry.Readable ? entry.Manifest.DocumentCount : null,
                    entry.Problem ?? (entry.Verification is null ? "never verified (ferry backup verify)" : null))
                : new ReportBackup(t.Tag, t.RunId, null, null, null, null, problem ?? $"not found in {root}"))
            .ToList();
    }

    // A validation result as ValidationReport.ToBson() writes it ({collections: [{name, rules: [{id, kind, field, failed}]}]}):
    // "validation" of a validate run, or "result" of a plan's validate step recorded before validations were runs.
    private static IEnumerable<ReportValidationRule> ValidationOf(BsonValue recorded)
    {
        if (recorded is not BsonDocument validation)
        {
            yield break;
        }

        foreach (var collection in Array(validation, "collections"))
        {
            foreach (var rule in Array(collection, "rules"))
            {
                yield return new ReportValidationRule(Text(collection, "name") ?? "?", Text(rule, "id") ?? "?", Text(rule, "kind") ?? "?", Text(rule, "field"), Long(rule, "failed") ?? 0);
            }
        }
    }

    private static ReportStep StepOf(BsonDocument step) => new(
        Text(step, "name") ?? "?",
        Text(step, "verb") ?? "?",
        Text(step, "status") ?? "?",
        Date(step, "started_at"),
        Date(step, "ended_at"),
        Long(step, "duration_ms"),
        Redacted(Text(step, "summary")),
        Text(step, "backup_tag"),
        StepRunId(step));

    private static string? StepRunId(BsonDocument step) => Text(step, "run_id") ?? Text(step, "child_run_id");

    // A plan run records its rollback(s) as "rollbacks" (array) or "rollback" (one document); a run that ended rolled
    // back without one still says so.
    private static IReadOnlyList<ReportRollback> RollbacksOf(BsonDocument run)
    {
        var recorded = Array(run, "rollbacks").ToList();
        if (run.GetValue("rollback", BsonNull.Value) is BsonDocument one)
        {
            recorded.Add(one);
        }

        var rollbacks = recorded.Select(r => new ReportRollback(
            Text(r, "status") ?? "?", Date(r, "at") ?? Date(r, "ended_at") ?? Date(r, "started_at"), Redacted(Text(r, "reason")), Text(r, "backup_tag") ?? Text(r, "tag"))).ToList();
        var status = Text(run, "status");
        if (rollbacks.Count == 0 && status is RunStatus.RolledBack or RunStatus.RollbackFailed)
        {
            rollbacks.Add(new ReportRollback(status, Date(run, "ended_at"), Redacted(Text(run, "status_reason")), Text(run, "backup_tag")));
        }

        return rollbacks;
    }

    // A plan's own run moves no documents; its throughput is its child runs', placed on the plan's time line.
    private static List<ReportSample> SamplesOf(BsonDocument run, IReadOnlyList<BsonDocument> children, DateTime startTime)
    {
        var own = Array(run, "samples").Select(SampleOf).ToList();
        return own.Count > 0 ? own
            : children.SelectMany(c => Array(c, "samples").Select(SampleOf)).OrderBy(s => s.At)
                .Select(s => s with { ElapsedMs = (long)(s.At - startTime).TotalMilliseconds }).ToList();
    }

    private static ReportSample SampleOf(BsonDocument s) => new(
        Date(s, "at") ?? DateTime.UnixEpoch, Long(s, "elapsed_ms") ?? 0, Long(s, "processed") ?? 0, Long(s, "quarantined") ?? 0, Long(s, "errors") ?? 0,
        Double(s, "documents_per_second") ?? 0, Double(s, "memory_ratio") ?? 0);

    private static IEnumerable<BsonDocument> Array(BsonDocument document, string name) =>
        document.GetValue(name, BsonNull.Value) is BsonArray array ? array.OfType<BsonDocument>() : [];

    private static string? Text(BsonDocument document, string name) => document.GetValue(name, BsonNull.Value) is BsonString s ? s.Value : null;

    private static string? Redacted(string? text) => text is null ? null : UriRedactor.RedactText(text);

    private static long? Long(BsonDocument document, string name) =>
        document.GetValue(name, BsonNull.Value) is { IsNumeric: true } n ? n.ToInt64() : null;

    private static double? Double(BsonDocument document, string name) =>
        document.GetValue(name, BsonNull.Value) is { IsNumeric: true } n ? n.ToDouble() : null;

    private static DateTime? Date(BsonDocument document, string name) => document.GetValue(name, BsonNull.Value) switch
    {
        BsonDateTime d => d.ToUniversalTime(),
        BsonString s when DateTime.TryParse(s.Value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var t) => t,
        _ => null,
    };
}

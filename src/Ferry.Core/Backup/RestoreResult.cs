using MongoDB.Bson;

namespace Ferry.Core.Backup;

/// <summary>What happened to one namespace in a restore (or would, in a dry run).</summary>
public sealed record RestoredNamespace(string Source, string Target)
{
    /// <summary>create, drop+create, append, upsert, resume, skip (already done), view, dry-run variants.</summary>
    public string Action { get; init; } = "create";

    public long Documents { get; init; }

    /// <summary>Documents the manifest (or the dump file) says the namespace holds; null when unknown (dry run of a plain dump).</summary>
    public long? Expected { get; init; }

    /// <summary>Documents in the target after the restore.</summary>
    public long? TargetCount { get; init; }

    public int IndexesCreated { get; init; }

    public long FailedWrites { get; init; }

    public IReadOnlyList<string> Problems { get; init; } = [];

    public bool Ok => Problems.Count == 0;

    public BsonDocument ToBson() => new()
    {
        { "source", Source },
        { "target", Target },
        { "action", Action },
        { "documents", Documents },
        { "expected", Expected is { } e ? e : BsonNull.Value },
        { "targetCount", TargetCount is { } c ? c : BsonNull.Value },
        { "indexes", IndexesCreated },
        { "failedWrites", FailedWrites },
        { "problems", new BsonArray(Problems) },
    };
}

/// <summary>
/// The outcome of a restore: per namespace, plus warnings (skipped oplog, ignored files, unsupported views). A restore
/// stopped half-way by an error is a result too: <see cref="Failure"/> says which namespace failed and which were
/// restored completely (an expected outcome, not an exception: the caller reports it and exits 1).
/// </summary>
public sealed record RestoreResult(string Source, string Target, bool DryRun, IReadOnlyList<RestoredNamespace> Namespaces, IReadOnlyList<string> Warnings)
{
    public RestoreFailure? Failure { get; init; }

    /// <summary>The restore's run in the journal (<c>_ferry_runs</c> of its first target database); null for a dry run.</summary>
    public string? RunId { get; init; }

    public bool Ok => Failure is null && Namespaces.All(n => n.Ok);

    public long Documents => Namespaces.Sum(n => n.Documents);

    /// <summary>The <c>backup restore --json</c> document (the failure's own shape when the restore stopped half-way).</summary>
    public BsonDocument ToBson()
    {
        var json = Failure?.ToBson() ?? Body();
        json["runId"] = (BsonValue?)RunId ?? BsonNull.Value;
        return json;
    }

    private BsonDocument Body() => new()
    {
        { "ok", Ok },
        { "dryRun", DryRun },
        { "source", Source },
        { "target", Target },
        { "documents", Documents },
        { "namespaces", new BsonArray(Namespaces.Select(n => n.ToBson())) },
        { "warnings", new BsonArray(Warnings) },
    };
}

/// <summary>
/// A restore stopped half-way by an error: says exactly which namespaces were restored completely, which one failed,
/// and that <c>--resume</c> continues from the checkpoints.
/// </summary>
public sealed record RestoreFailure(string FailedNamespace, IReadOnlyList<string> Restored, string Error)
{
    public string Message => $"restore failed in {FailedNamespace}: {Error}; restored completely: {(Restored.Count == 0 ? "none" : string.Join(", ", Restored))}; rerun with --resume to continue after the last committed batch";

    public BsonDocument ToBson() => new() { { "ok", false }, { "error", Storage.UriRedactor.RedactText(Message) }, { "failed", FailedNamespace }, { "restored", new BsonArray(Restored) } };
}

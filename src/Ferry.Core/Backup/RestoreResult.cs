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
}

/// <summary>The outcome of a restore: per namespace, plus warnings (skipped oplog, ignored files, unsupported views).</summary>
public sealed record RestoreResult(string Source, string Target, bool DryRun, IReadOnlyList<RestoredNamespace> Namespaces, IReadOnlyList<string> Warnings)
{
    public bool Ok => Namespaces.All(n => n.Ok);

    public long Documents => Namespaces.Sum(n => n.Documents);
}

/// <summary>
/// A restore stopped half-way by an error: says exactly which namespaces were restored completely, which one failed,
/// and that <c>--resume</c> continues from the checkpoints.
/// </summary>
public sealed class RestoreFailedException(string failedNamespace, IReadOnlyList<string> restored, Exception inner)
    : Exception($"restore failed in {failedNamespace}: {inner.Message}; restored completely: {(restored.Count == 0 ? "none" : string.Join(", ", restored))}; rerun with --resume to continue after the last committed batch", inner)
{
    public string FailedNamespace { get; } = failedNamespace;

    public IReadOnlyList<string> Restored { get; } = restored;
}

using MongoDB.Bson;

namespace Ferry.Core.Doctor;

/// <summary>What <see cref="IntegrityDoctor"/> found and (with fix) did.</summary>
public sealed record IntegrityReport(string RunId, bool Fixed, bool DryRun, IReadOnlyList<IntegrityFinding> Findings, long FindingCount)
{
    public long Count(string kind) => Findings.Count(f => f.Kind == kind);

    public bool Clean => FindingCount == 0;

    public BsonDocument ToBson() => new()
    {
        { "runId", RunId },
        { "fixed", Fixed },
        { "dryRun", DryRun },
        { "clean", Clean },
        { "counts", new BsonDocument(Findings.GroupBy(f => f.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new BsonElement(g.Key, g.LongCount()))) },
        { "findings", new BsonArray(Findings.Select(f => f.ToBson())) },
    };
}

/// <summary>One problem: an orphan (its reference names nothing), a duplicate (same unique key as a kept document),
/// or a re-pointed reference; with the action taken (none, quarantined, repointed).</summary>
public sealed record IntegrityFinding(string Kind, string Collection, BsonValue Id, string Detail, string Action)
{
    public BsonDocument ToBson() => new()
    {
        { "kind", Kind },
        { "collection", Collection },
        { "_id", Id },
        { "detail", Detail },
        { "action", Action },
    };
}

public sealed record DoctorOptions
{
    /// <summary>Repair: merge duplicates, re-point references, quarantine orphans.</summary>
    public bool Fix { get; init; }

    /// <summary>With <see cref="Fix"/>: work out every action (cascades included) and write nothing.</summary>
    public bool DryRun { get; init; }

    public string? RunId { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Rounds of orphan removal: quarantining a parent can orphan its children.</summary>
    public int MaxCascadeRounds { get; init; } = 10;

    /// <summary>How a repair takes the database's run lock (only a repair that writes takes it).</summary>
    public Runs.RunLockOptions Lock { get; init; } = new();
}

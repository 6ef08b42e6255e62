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

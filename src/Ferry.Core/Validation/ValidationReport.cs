using MongoDB.Bson;

namespace Ferry.Core.Validation;

/// <summary>The outcome of <see cref="DataValidator"/>: per collection and per rule, with bounded samples.</summary>
public sealed record ValidationReport(string Database, IReadOnlyList<CollectionReport> Collections, TimeSpan Duration, long PeakMemoryBytes)
{
    public bool Passed => Collections.All(c => c.Rules.All(r => r.Failed == 0));

    public long Checked => Collections.Sum(c => c.Checked);

    public long Invalid => Collections.Sum(c => c.Invalid);

    public int FailedRules => Collections.Sum(c => c.Rules.Count(r => r.Failed > 0));

    /// <summary>The --json shape (documented in docs/validation.md; stable).</summary>
    public BsonDocument ToBson() => new()
    {
        { "database", Database },
        { "passed", Passed },
        { "totals", new BsonDocument { { "checked", Checked }, { "valid", Checked - Invalid }, { "invalid", Invalid }, { "failedRules", FailedRules } } },
        { "collections", new BsonArray(Collections.Select(c => c.ToBson())) },
        { "durationMs", (long)Duration.TotalMilliseconds },
        { "peakMemoryBytes", PeakMemoryBytes },
    };
}

public sealed record CollectionReport(string Name, long Checked, long Invalid, IReadOnlyList<RuleResult> Rules)
{
    public long Valid => Checked - Invalid;

    public BsonDocument ToBson() => new()
    {
        { "name", Name },
        { "checked", Checked },
        { "valid", Valid },
        { "invalid", Invalid },
        { "rules", new BsonArray(Rules.Select(r => r.ToBson())) },
    };
}

/// <summary>One rule's result: how many documents failed it, and up to N of them with the offending value.</summary>
public sealed record RuleResult(string Id, string Kind, string? Field, long Failed, IReadOnlyList<RuleSample> Samples)
{
    public BsonDocument ToBson() => new()
    {
        { "id", Id },
        { "kind", Kind },
        { "field", (BsonValue?)Field ?? BsonNull.Value },
        { "failed", Failed },
        { "samples", new BsonArray(Samples.Select(s => new BsonDocument { { "_id", s.Id }, { "value", s.Value ?? BsonNull.Value }, { "reason", s.Reason } })) },
    };
}

/// <summary>An offending document: its <c>_id</c>, the value that failed (null when missing) and why.</summary>
public sealed record RuleSample(BsonValue Id, BsonValue? Value, string Reason);

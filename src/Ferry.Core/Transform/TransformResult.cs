using MongoDB.Bson;

namespace Ferry.Core.Transform;

/// <summary>The result of a transform run.</summary>
public sealed record TransformResult(string RunId, string Status, bool DryRun, IReadOnlyList<CollectionOutcome> Collections, TimeSpan Duration)
{
    public IReadOnlyList<DryRunSample> Samples { get; init; } = [];

    /// <summary>Set when the run took over a stale lock or removed one with --force-unlock: whose it was.</summary>
    public string? LockNotice { get; init; }

    public BsonDocument ToBson() => new()
    {
        { "runId", RunId },
        { "status", Status },
        { "dryRun", DryRun },
        { "durationMs", (long)Duration.TotalMilliseconds },
        { "collections", new BsonArray(Collections.Select(c => c.ToBson())) },
        { "samples", new BsonArray(Samples.Select(s => new BsonDocument { { "collection", s.Collection }, { "before", s.Before }, { "after", (BsonValue?)s.After ?? BsonNull.Value }, { "failure", (BsonValue?)s.Failure ?? BsonNull.Value } })) },
        { "lockNotice", (BsonValue?)LockNotice ?? BsonNull.Value },
    };
}

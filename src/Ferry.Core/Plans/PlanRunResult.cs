using Ferry.Core.Runs;
using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Core.Plans;

/// <summary>
/// How a plan run ended: <see cref="RunStatus"/> (completed, failed, stopped after --until, rolled_back,
/// rollback_failed) or <c>dry_run</c>, the reason when it did not complete, each step's record, and the rollback.
/// </summary>
public sealed record PlanRunResult(string RunId, string Status, bool DryRun, IReadOnlyList<BsonDocument> Steps)
{
    public const string DryRunStatus = "dry_run";

    public string? Reason { get; init; }

    public PlanRollbackResult? Rollback { get; init; }

    /// <summary>The rollback threshold that was crossed (with its values), when one was; null otherwise.</summary>
    public string? Crossed { get; init; }

    public bool Succeeded => Status is RunStatus.Completed or DryRunStatus or RunStatus.Stopped;

    public BsonDocument ToBson() => new()
    {
        { "runId", RunId },
        { "status", Status },
        { "dryRun", DryRun },
        { "reason", Reason is null ? BsonNull.Value : UriRedactor.RedactText(Reason) },
        { "steps", new BsonArray(Steps.Select(s => s.DeepClone())) },
        { "rollback", Rollback?.ToBson() ?? (BsonValue)BsonNull.Value },
        { "thresholdCrossed", Crossed is null ? BsonNull.Value : UriRedactor.RedactText(Crossed) },
    };
}

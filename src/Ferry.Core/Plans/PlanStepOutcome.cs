using MongoDB.Bson;

namespace Ferry.Core.Plans;

/// <summary>How one step ended: succeeded or not, one line saying what it did, and what the plan records of it.</summary>
public sealed record PlanStepOutcome(bool Succeeded, string Summary)
{
    /// <summary>The backup a backup step took.</summary>
    public string? BackupTag { get; init; }

    /// <summary>The run the step's verb journaled (a transform's), for --resume.</summary>
    public string? ChildRunId { get; init; }

    /// <summary>The verb's own result (its <c>ToBson()</c>), kept in the plan run's report.</summary>
    public BsonDocument Details { get; init; } = new();

    /// <summary>A threshold this step crossed (error rate, data loss, throughput), or null.</summary>
    public string? Crossed { get; init; }

    public static PlanStepOutcome Ok(string summary) => new(true, summary);

    public static PlanStepOutcome Failed(string summary) => new(false, summary);
}

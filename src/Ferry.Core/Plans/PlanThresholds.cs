namespace Ferry.Core.Plans;

/// <summary>
/// When a plan run rolls itself back (the guide's <c>MigrationRollback</c> defaults): more than 5 % of the documents
/// failed or quarantined, more than 1 % of a collection's documents unaccounted for, or the probes' median latency
/// (or the run's throughput against <see cref="ExpectedRate"/>) more than 20 % worse.
/// </summary>
public sealed record PlanThresholds
{
    public double ErrorRate { get; init; } = 0.05;

    public double DataLoss { get; init; } = 0.01;

    public double PerformanceDegradation { get; init; } = 0.20;

    /// <summary>Documents per second a transform is expected to reach; null: throughput is not checked.</summary>
    public double? ExpectedRate { get; init; }

    /// <summary>
    /// Latency differences below this many milliseconds never count as a degradation: a 0.2 ms probe that takes
    /// 0.3 ms once is noise, not a 50 % slowdown.
    /// </summary>
    public double LatencyFloorMs { get; init; } = 5;

    /// <summary>The error rate is judged only once this many documents were processed (3 failures of the first 10 are not 30 %).</summary>
    public long MinimumProcessed { get; init; } = 100;
}

using Ferry.Core.Progress;
using Ferry.Core.Runs;
using MongoDB.Bson;

namespace Ferry.Core.Transform;

public sealed record TransformOptions
{
    /// <summary>Continue this run from its checkpoints instead of starting a new one.</summary>
    public string? ResumeRunId { get; init; }

    /// <summary>Read the source, transform, count, show samples — write nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>Before/after pairs shown per collection in a dry run.</summary>
    public int DryRunSamples { get; init; } = 3;

    /// <summary>Documents per read, write and checkpoint. The guide's 500/1000 are defaults to beat, not limits.</summary>
    public int BatchSize { get; init; } = 1000;

    /// <summary>Partitions of each source collection read and written in parallel.</summary>
    public int Partitions { get; init; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Threads hashing passwords within a batch (hashing is the CPU-bound part).</summary>
    public int HashParallelism { get; init; } = Math.Max(1, Environment.ProcessorCount);

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>How the run takes its target database's lock (wait or refuse, lease, force-unlock).</summary>
    public RunLockOptions Lock { get; init; } = new();

    public IProgress<ItemProgress>? Progress { get; init; }
}

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

public sealed record CollectionOutcome(string Target, string Source, long Processed, long Written, long Quarantined, double DocumentsPerSecond)
{
    public BsonDocument ToBson() => new()
    {
        { "target", Target },
        { "source", Source },
        { "processed", Processed },
        { "written", Written },
        { "quarantined", Quarantined },
        { "documentsPerSecond", Math.Round(DocumentsPerSecond, 1) },
    };
}

/// <summary>A source document and what the rules make of it (dry run).</summary>
public sealed record DryRunSample(string Collection, BsonDocument Before, BsonDocument? After, string? Failure);

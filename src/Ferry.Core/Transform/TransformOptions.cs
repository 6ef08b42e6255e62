using Ferry.Core.Progress;
using Ferry.Core.Runs;

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

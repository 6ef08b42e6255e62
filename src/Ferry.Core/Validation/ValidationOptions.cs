using Ferry.Core.Progress;

namespace Ferry.Core.Validation;

public sealed record ValidationOptions
{
    /// <summary>Offending documents kept per rule for the report.</summary>
    public int SampleSize { get; init; } = 5;

    /// <summary>The clock for "not in the future" (injected so tests are exact).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    public IProgress<ItemProgress>? Progress { get; init; }

    public int BatchSize { get; init; } = 1000;
}

using Ferry.Core.Runs;

namespace Ferry.Core.Observability;

/// <summary>What <see cref="RunMetrics"/> knows of one run: the totals already counted and the values its gauges report.
/// Callers lock the instance.</summary>
internal sealed class RunMetricState(string runId, string kind, DateTime firstSeen, string? collection = null)
{
#pragma warning disable SA1401, CA1051 // plain counters updated by ref under the instance's lock
    public long Processed;
    public long Quarantined;
    public long Errors;
#pragma warning restore SA1401, CA1051

    public KeyValuePair<string, object?>[] Tags { get; } = collection is null
        ? [new("migration_id", runId), new("kind", kind)]
        : [new("migration_id", runId), new("kind", kind), new("collection", collection)];

    public double StartedAtUnixSeconds { get; } = new DateTimeOffset(DateTime.SpecifyKind(firstSeen, DateTimeKind.Utc)).ToUnixTimeMilliseconds() / 1000.0;

    public string Status { get; set; } = RunStatus.Running;

    public double DocumentsPerSecond { get; set; }

    public double ErrorRate => Processed == 0 ? 0 : Math.Clamp((double)Quarantined / Processed, 0, 1);

    /// <summary>Moves <paramref name="counted"/> up to <paramref name="total"/> and returns by how much (never negative).</summary>
    public static long Advance(ref long counted, long total)
    {
        var delta = Math.Max(0, total - counted);
        counted += delta;
        return delta;
    }
}

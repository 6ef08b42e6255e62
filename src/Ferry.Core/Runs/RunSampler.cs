using MongoDB.Bson;

namespace Ferry.Core.Runs;

/// <summary>
/// Decides when a run's progress is worth a sample in <c>samples</c> (the report's throughput chart) and keeps the
/// running totals across collections. Samples are spaced by a hundredth of the elapsed time (at least a second), so a
/// run of any length keeps a few hundred of them; the journal also caps the array at <see cref="MaxSamples"/>.
/// </summary>
internal sealed class RunSampler(string kind, DateTime startedAt)
{
    public const int MaxSamples = 400;

    private readonly Dictionary<string, CollectionProgress> _collections = new(StringComparer.Ordinal);
    private DateTime _lastSampleAt = DateTime.MinValue;
    private long _lastSampleProcessed;

    public string Kind { get; } = kind;

    public DateTime StartedAt { get; } = startedAt;

    public long Errors { get; set; }

    public long Processed => _collections.Values.Sum(c => c.Processed);

    public long Total => _collections.Values.Sum(c => c.Total);

    public long Written => _collections.Values.Sum(c => c.Written);

    public long Quarantined => _collections.Values.Sum(c => c.Quarantined);

    public void Update(string collection, CollectionProgress progress) => _collections[collection] = progress;

    public double DocumentsPerSecond(DateTime now) => Processed / Math.Max((now - StartedAt).TotalSeconds, 1e-3);

    /// <summary>A sample to record now, or null when the last one is too recent.</summary>
    public BsonDocument? TakeSample(DateTime now, bool force = false)
    {
        var spacing = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerSecond, (now - StartedAt).Ticks / 100));
        if (!force && now - _lastSampleAt < spacing)
        {
            return null;
        }

        var processed = Processed;
        var seconds = _lastSampleAt == DateTime.MinValue ? (now - StartedAt).TotalSeconds : (now - _lastSampleAt).TotalSeconds;
        var rate = (processed - _lastSampleProcessed) / Math.Max(seconds, 1e-3);
        _lastSampleAt = now;
        _lastSampleProcessed = processed;
        return new BsonDocument
        {
            { "at", now },
            { "elapsed_ms", (long)(now - StartedAt).TotalMilliseconds },
            { "processed", processed },
            { "quarantined", Quarantined },
            { "errors", Errors },
            { "documents_per_second", Math.Round(rate, 1) },
            { "memory_ratio", Math.Round(ProcessMemory.UsageRatio(), 4) },
        };
    }
}

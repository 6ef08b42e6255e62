using System.Globalization;
using Ferry.Core.Runs;
using MongoDB.Bson;

namespace Ferry.Core.Monitoring;

/// <summary>
/// What <c>ferry monitor</c> shows of a run at one moment, read from its journal document: per collection
/// processed/total, rate and ETA, and for the run its status, errors, quarantined documents, memory and fired alerts.
/// Rates are averages since the run started (stable across polls, unlike the last second's).
/// </summary>
public sealed record RunSnapshot
{
    public required string RunId { get; init; }

    public required string Kind { get; init; }

    public required string Status { get; init; }

    public required DateTime At { get; init; }

    public required TimeSpan Elapsed { get; init; }

    public required IReadOnlyList<CollectionSnapshot> Collections { get; init; }

    public long Errors { get; init; }

    /// <summary>The process's memory use as a ratio of what it may use (0–1), from the newest sample; null before the first.</summary>
    public double? MemoryRatio { get; init; }

    /// <summary>Documents per second over the whole run so far.</summary>
    public double DocumentsPerSecond { get; init; }

    public IReadOnlyList<BsonDocument> Alerts { get; init; } = [];

    public string? StatusReason { get; init; }

    public long Processed => Collections.Sum(c => c.Processed);

    public long Total => Collections.Sum(c => c.Total);

    public long Quarantined => Collections.Sum(c => c.Quarantined);

    public bool IsRunning => Status == RunStatus.Running;

    /// <summary>Reads <paramref name="run"/> (a journal document, redacted) as seen at <paramref name="now"/>.</summary>
    public static RunSnapshot Of(BsonDocument run, DateTime now)
    {
        var started = run["started_at"].ToUniversalTime();
        var status = run["status"].AsString;
        var elapsed = status != RunStatus.Running && run.GetValue("duration_ms", BsonNull.Value) is { IsNumeric: true } ms
            ? TimeSpan.FromMilliseconds(ms.ToInt64())
            : now - started;
        var collections = run.GetValue("collections", new BsonDocument()).AsBsonDocument
            .Where(c => c.Value is BsonDocument)
            .Select(c => CollectionSnapshot.Of(c.Name, c.Value.AsBsonDocument, started, status == RunStatus.Running))
            .ToList();
        var samples = run.GetValue("samples", new BsonArray()).AsBsonArray;
        var last = samples.Count > 0 ? samples[^1].AsBsonDocument : null;
        var processed = collections.Sum(c => c.Processed);
        return new RunSnapshot
        {
            RunId = run["_id"].ToString()!,
            Kind = run.GetValue("kind", "unknown").ToString()!,
            Status = status,
            At = now,
            Elapsed = elapsed < TimeSpan.Zero ? TimeSpan.Zero : elapsed,
            Collections = collections,
            Errors = run.GetValue("error_count", 0L).ToInt64(),
            MemoryRatio = last?.GetValue("memory_ratio", BsonNull.Value) is { IsNumeric: true } memory ? memory.ToDouble() : null,
            DocumentsPerSecond = elapsed.TotalSeconds > 0 ? Math.Round(processed / elapsed.TotalSeconds, 1) : 0,
            Alerts = [.. run.GetValue("alerts", new BsonArray()).AsBsonArray.OfType<BsonDocument>()],
            StatusReason = run.GetValue("status_reason", BsonNull.Value) is BsonString reason ? reason.Value : null,
        };
    }

    public BsonDocument ToBson() => new()
    {
        { "run", RunId },
        { "kind", Kind },
        { "status", Status },
        { "at", At },
        { "elapsed_s", Math.Round(Elapsed.TotalSeconds, 1) },
        { "processed", Processed },
        { "total", Total },
        { "errors", Errors },
        { "quarantined", Quarantined },
        { "documents_per_second", DocumentsPerSecond },
        { "memory_ratio", MemoryRatio is { } m ? m : BsonNull.Value },
        { "alerts", new BsonArray(Alerts) },
        { "status_reason", StatusReason is null ? BsonNull.Value : StatusReason },
        { "collections", new BsonArray(Collections.Select(c => c.ToBson())) },
    };

    /// <summary>The run in one line (redirected output: one per interval).</summary>
    public string ToLine()
    {
        var parts = Collections.Select(c => c.ToText());
        var memory = MemoryRatio is { } m ? string.Create(CultureInfo.InvariantCulture, $", memory {m * 100:0.#}%") : string.Empty;
        var alerts = Alerts.Count > 0 ? $", alerts: {string.Join("; ", Alerts.Select(a => a.GetValue("alert", "?").ToString()))}" : string.Empty;
        var reason = StatusReason is null ? string.Empty : $" ({StatusReason})";
        return string.Create(CultureInfo.InvariantCulture,
            $"{At:HH:mm:ss} {Kind} run {RunId} {Status}{reason} after {Elapsed.TotalSeconds:0.0} s: {string.Join("; ", parts)} | errors {Errors:N0}, quarantined {Quarantined:N0}{memory}{alerts}");
    }
}

/// <summary>One collection of a <see cref="RunSnapshot"/>.</summary>
public sealed record CollectionSnapshot(string Name, long Processed, long Total, long Quarantined, double DocumentsPerSecond, TimeSpan? Eta)
{
    public double Percentage => Total > 0 ? Math.Min(100, Math.Round(100.0 * Processed / Total, 1)) : 100;

    public static CollectionSnapshot Of(string name, BsonDocument progress, DateTime runStarted, bool running)
    {
        var processed = progress.GetValue("processed", 0L).ToInt64();
        var total = progress.GetValue("total", 0L).ToInt64();
        var updated = progress.GetValue("last_updated", BsonNull.Value) is BsonDateTime at ? at.ToUniversalTime() : runStarted;
        var seconds = (updated - runStarted).TotalSeconds;
        var rate = seconds > 0 ? processed / seconds : 0;
        TimeSpan? eta = processed >= total ? TimeSpan.Zero : running && rate > 0 ? TimeSpan.FromSeconds((total - processed) / rate) : null;
        return new CollectionSnapshot(name, processed, total, progress.GetValue("quarantined", 0L).ToInt64(), Math.Round(rate, 1), eta);
    }

    public BsonDocument ToBson() => new()
    {
        { "name", Name },
        { "processed", Processed },
        { "total", Total },
        { "percentage", Percentage },
        { "quarantined", Quarantined },
        { "documents_per_second", DocumentsPerSecond },
        { "eta_s", Eta is { } eta ? Math.Round(eta.TotalSeconds, 1) : BsonNull.Value },
    };

    public string ToText() => string.Create(CultureInfo.InvariantCulture,
        $"{Name} {Processed:N0}/{Total:N0} ({Percentage:0.#}%) {DocumentsPerSecond:N0} docs/s ETA {(Eta is { } eta ? $"{eta.TotalSeconds:0}s" : "?")}");
}

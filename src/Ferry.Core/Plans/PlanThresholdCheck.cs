using System.Globalization;
using Ferry.Core.Quarantine;
using Ferry.Core.Transform;
using Ferry.Core.Transform.Rules;
using MongoDB.Bson;

namespace Ferry.Core.Plans;

/// <summary>
/// The rollback thresholds, judged after each data step (and, for the error rate, during a transform by
/// <see cref="PlanWatch"/>): error rate = quarantined / processed; data loss = per collection, the documents not
/// accounted for (for a transform: source documents its filter selects minus target + quarantine; for steps that
/// change a database in place: the expected count minus the current count minus what was quarantined since the
/// baseline); throughput against the plan's expected rate; the probes' median latency against the baseline.
/// Each returns the crossing in one line, or null.
/// </summary>
internal static class PlanThresholdCheck
{
    public static string? ErrorRate(PlanThresholds thresholds, long processed, long failed)
    {
        if (processed < Math.Max(1, thresholds.MinimumProcessed))
        {
            return null;
        }

        var rate = (double)failed / processed;
        return rate > thresholds.ErrorRate
            ? $"error rate {Percent(rate)} ({failed} of {processed} documents failed or quarantined) is above the threshold {Percent(thresholds.ErrorRate)}"
            : null;
    }

    public static async Task<string?> TransformAsync(PlanStepContext context, PlanStep step, TransformRules rules, TransformResult result, CancellationToken cancellationToken)
    {
        var thresholds = context.Plan.Thresholds;
        var processed = result.Collections.Sum(c => c.Processed);
        if (ErrorRate(thresholds, processed, result.Collections.Sum(c => c.Quarantined)) is { } error)
        {
            return error;
        }

        var source = context.Store.GetDatabase(step.SourceDatabase!);
        var target = context.DatabaseOf(step);
        var quarantine = new QuarantineStore(target);
        foreach (var mapping in rules.Collections)
        {
            var selected = await source.GetCollection(mapping.SourceCollection).CountAsync(mapping.Filter, cancellationToken).ConfigureAwait(false);
            var written = await target.GetCollection(mapping.Target).CountAsync(null, cancellationToken).ConfigureAwait(false);
            var quarantined = await quarantine.CountAsync(result.RunId, mapping.SourceCollection, cancellationToken).ConfigureAwait(false);
            if (Loss(thresholds, $"{target.Name}.{mapping.Target}", selected, written + quarantined) is { } loss)
            {
                return loss;
            }
        }

        if (thresholds.ExpectedRate is { } expected && result.Status == "completed" && processed >= thresholds.MinimumProcessed)
        {
            var rate = processed / Math.Max(result.Duration.TotalSeconds, 1e-3);
            if (rate < expected * (1 - thresholds.PerformanceDegradation))
            {
                return $"throughput {rate.ToString("0", CultureInfo.InvariantCulture)} docs/s is more than {Percent(thresholds.PerformanceDegradation)} below the expected {expected.ToString("0", CultureInfo.InvariantCulture)} docs/s";
            }
        }

        return null;
    }

    /// <summary>
    /// Data loss of the collections changed in place since the baseline: <paramref name="expected"/> holds per
    /// namespace the documents that must be accounted for (the baseline's counts, a transform's target counts).
    /// </summary>
    public static async Task<string?> InPlaceAsync(PlanStepContext context, BsonDocument expected, DateTime since, CancellationToken cancellationToken)
    {
        foreach (var element in expected)
        {
            var dot = element.Name.IndexOf('.', StringComparison.Ordinal);
            var database = context.Store.GetDatabase(element.Name[..dot]);
            var collection = element.Name[(dot + 1)..];
            var now = await database.GetCollection(collection).CountAsync(null, cancellationToken).ConfigureAwait(false);
            var quarantined = await database.GetCollection(QuarantineStore.CollectionName).CountAsync(
                new BsonDocument { { "collection", collection }, { "quarantined_at", new BsonDocument("$gte", since) } }, cancellationToken).ConfigureAwait(false);
            if (Loss(context.Plan.Thresholds, element.Name, element.Value.ToInt64(), now + quarantined) is { } loss)
            {
                return loss;
            }
        }

        return null;
    }

    public static string? Latency(PlanThresholds thresholds, IReadOnlyDictionary<string, double> before, IReadOnlyDictionary<string, double> after)
    {
        foreach (var (probe, then) in before)
        {
            if (after.TryGetValue(probe, out var now) && now - then > thresholds.LatencyFloorMs && now > then * (1 + thresholds.PerformanceDegradation))
            {
                return $"probe '{probe}' median latency {now.ToString("0.###", CultureInfo.InvariantCulture)} ms is more than {Percent(thresholds.PerformanceDegradation)} above its baseline {then.ToString("0.###", CultureInfo.InvariantCulture)} ms";
            }
        }

        return null;
    }

    private static string? Loss(PlanThresholds thresholds, string ns, long expected, long accounted)
    {
        if (expected <= 0 || accounted >= expected)
        {
            return null;
        }

        var lost = expected - accounted;
        var rate = (double)lost / expected;
        return rate > thresholds.DataLoss
            ? $"data loss in {ns}: {lost} of {expected} document(s) ({Percent(rate)}) are not accounted for in the target or the quarantine; the threshold is {Percent(thresholds.DataLoss)}"
            : null;
    }

    private static string Percent(double fraction) => (fraction * 100).ToString("0.##", CultureInfo.InvariantCulture) + " %";
}

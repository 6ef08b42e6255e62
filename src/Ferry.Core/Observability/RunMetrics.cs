using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Ferry.Core.Runs;

namespace Ferry.Core.Observability;

/// <summary>
/// The guide's migration metrics as <see cref="System.Diagnostics.Metrics"/> instruments of the meter
/// <see cref="MeterName"/>, fed by the <see cref="RunEvent"/>s every run publishes (subscribe <see cref="Instance"/> to
/// <see cref="RunEvents"/>). Every series is labelled <c>migration_id</c> (the run id) and <c>kind</c> (transform,
/// migrate, restore, …); the per-collection counters add <c>collection</c> (the run-wide ones stay unlabelled by
/// collection, so summing them never counts a document twice). A Prometheus exporter (prometheus-net's MeterAdapter, see <see cref="MetricsExporter"/>) prefixes
/// every name with the meter's: <c>migration_error_rate</c> is scraped as <c>ferry_migration_error_rate</c>.
/// </summary>
public sealed class RunMetrics : IRunObserver
{
    public const string MeterName = "Ferry";

    /// <summary>The statuses <c>migration_run_status</c> reports (1 for the run's current one, 0 for the others).</summary>
    public static readonly IReadOnlyList<string> Statuses =
        [RunStatus.Running, RunStatus.Completed, RunStatus.Failed, RunStatus.Stopped, RunStatus.RolledBack, RunStatus.RollbackFailed];

    private static readonly Meter Meter = new(MeterName);
    private static readonly Lazy<IDisposable> LazySubscription = new(() => RunEvents.Subscribe(Instance!));

    private readonly ConcurrentDictionary<string, RunMetricState> _runs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Run, string Collection), RunMetricState> _collections = new();
    private readonly Counter<long> _processed;
    private readonly Counter<long> _quarantined;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _alerts;
    private readonly Counter<long> _collectionProcessed;
    private readonly Counter<long> _collectionQuarantined;
    private readonly Histogram<double> _batchSeconds;

    private RunMetrics()
    {
        _processed = Meter.CreateCounter<long>("migration_processed_documents", "{document}", "Documents the run has processed (written or quarantined)");
        _quarantined = Meter.CreateCounter<long>("migration_quarantined_documents", "{document}", "Documents the run put in quarantine instead of writing them");
        _errors = Meter.CreateCounter<long>("migration_errors", "{error}", "Errors the run recorded in its journal");
        _alerts = Meter.CreateCounter<long>("migration_alerts_fired", "{alert}", "In-process alerts fired during the run, by alert name");
        _collectionProcessed = Meter.CreateCounter<long>("migration_collection_processed_documents", "{document}", "Documents of one collection the run has processed");
        _collectionQuarantined = Meter.CreateCounter<long>("migration_collection_quarantined_documents", "{document}", "Documents of one collection the run quarantined");
        _batchSeconds = Meter.CreateHistogram<double>("migration_batch_duration_seconds", "s", "Time to read, change, write and checkpoint one batch, by collection");
        Meter.CreateObservableGauge("migration_documents_per_second", () => Observe(s => s.DocumentsPerSecond), "{document}/s", "Documents processed per second since the run (or this attempt) started");
        Meter.CreateObservableGauge("migration_error_rate", () => Observe(s => s.ErrorRate), null, "Quarantined documents over processed documents, 0 to 1");
        Meter.CreateObservableGauge("migration_memory_usage", () => Observe(_ => ProcessMemory.UsageRatio()), null, "The process's memory over the memory available to it, 0 to 1");
        Meter.CreateObservableGauge("migration_start_time_seconds", () => Observe(s => s.StartedAtUnixSeconds), "s", "When the run started (Unix time)");
        Meter.CreateObservableGauge("migration_run_status", ObserveStatus, null, "1 for the run's current status, 0 for the others");
    }

    /// <summary>The one instance: the meter and its instruments are process-wide, like <see cref="RunEvents"/>.</summary>
    public static RunMetrics Instance { get; } = new();

    /// <summary>
    /// Subscribes <see cref="Instance"/> to <see cref="RunEvents"/> once for the life of the process (idempotent: two
    /// exporters must not count every event twice). Measurements cost nothing while no listener (exporter) listens.
    /// </summary>
    public static void Subscribe() => _ = LazySubscription.Value;

    public void OnRunEvent(RunEvent runEvent)
    {
        ArgumentNullException.ThrowIfNull(runEvent);
        var state = _runs.GetOrAdd(runEvent.RunId, _ => new RunMetricState(runEvent.RunId, runEvent.Kind, runEvent.At));
        var tags = state.Tags;
        lock (state)
        {
            // Events of a run this process did not start carry zeros: totals only ever move up.
            _processed.Add(RunMetricState.Advance(ref state.Processed, runEvent.Processed), tags);
            _quarantined.Add(RunMetricState.Advance(ref state.Quarantined, runEvent.Quarantined), tags);
            _errors.Add(RunMetricState.Advance(ref state.Errors, runEvent.Errors), tags);
            if (runEvent.DocumentsPerSecond is { } rate)
            {
                state.DocumentsPerSecond = rate;
            }

            state.Status = runEvent.Type switch
            {
                RunEventTypes.Started or RunEventTypes.Resumed => RunStatus.Running,
                RunEventTypes.Finished when runEvent.Status is { } status => status,
                _ => state.Status,
            };
        }

        if (runEvent is { Collection: { } collection, CollectionCounts: { } counts })
        {
            var perCollection = _collections.GetOrAdd((runEvent.RunId, collection), _ => new RunMetricState(runEvent.RunId, runEvent.Kind, runEvent.At, collection));
            lock (perCollection)
            {
                _collectionProcessed.Add(RunMetricState.Advance(ref perCollection.Processed, counts.Processed), perCollection.Tags);
                _collectionQuarantined.Add(RunMetricState.Advance(ref perCollection.Quarantined, counts.Quarantined), perCollection.Tags);
            }
        }

        if (runEvent is { Type: RunEventTypes.Batch, Collection: { } batchCollection, BatchDuration: { } duration })
        {
            _batchSeconds.Record(duration.TotalSeconds, [.. tags, new("collection", batchCollection)]);
        }

        if (runEvent.Type == RunEventTypes.AlertFired)
        {
            var alert = runEvent.Message?.Split(':', 2)[0] ?? "unknown";
            _alerts.Add(1, [.. tags, new("alert", alert)]);
        }
    }

    private IEnumerable<Measurement<double>> Observe(Func<RunMetricState, double> value)
    {
        foreach (var state in _runs.Values)
        {
            double measured;
            lock (state)
            {
                measured = value(state);
            }

            yield return new Measurement<double>(measured, state.Tags);
        }
    }

    private IEnumerable<Measurement<int>> ObserveStatus()
    {
        foreach (var state in _runs.Values)
        {
            string current;
            lock (state)
            {
                current = state.Status;
            }

            foreach (var status in Statuses)
            {
                yield return new Measurement<int>(status == current ? 1 : 0, [.. state.Tags, new("status", status)]);
            }
        }
    }
}

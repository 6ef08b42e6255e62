using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Ferry.Core.Runs;

namespace Ferry.Core.Observability;

/// <summary>
/// The guide's four alerts evaluated inside Ferry while runs last, so they reach the notifiers where no Prometheus
/// runs: on every event of a run this process started or resumed, and on a timer (a stalled run sends no events).
/// An alert fires once when its condition has held for its duration, and again only after the condition cleared.
/// Each firing is recorded with <see cref="RunJournal.AlertAsync"/> (which publishes <c>alert_fired</c>) on a queue
/// of its own: observers run on the run's thread and must return at once. Dispose to finish the queued writes.
/// </summary>
public sealed class RunAlertObserver : IRunObserver, IAsyncDisposable
{
    private readonly AlertThresholds _thresholds;
    private readonly TimeProvider _time;
    private readonly Func<double> _memoryUsage;
    private readonly ConcurrentDictionary<string, RunAlertState> _runs = new(StringComparer.Ordinal);
    private readonly Channel<(RunJournal Journal, string RunId, string Alert, string Description)> _writes =
        Channel.CreateUnbounded<(RunJournal, string, string, string)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly ITimer _timer;
    private readonly Task _writer;

    /// <param name="thresholds">The thresholds (ferry.yaml <c>alerts:</c>).</param>
    /// <param name="time">The clock the durations are measured with (the system's by default).</param>
    /// <param name="memoryUsage">The memory ratio (by default <see cref="ProcessMemory.UsageRatio"/>).</param>
    /// <param name="tick">How often running runs are checked between events (by default a tenth of the shortest duration, 1 to 30 seconds).</param>
    public RunAlertObserver(AlertThresholds thresholds, TimeProvider? time = null, Func<double>? memoryUsage = null, TimeSpan? tick = null)
    {
        _thresholds = thresholds ?? throw new ArgumentNullException(nameof(thresholds));
        _time = time ?? TimeProvider.System;
        _memoryUsage = memoryUsage ?? ProcessMemory.UsageRatio;
        var shortest = new[] { thresholds.ErrorRateFor, thresholds.DocumentsPerSecondFor, thresholds.MemoryUsageFor, thresholds.StalledFor }.Min();
        var period = tick ?? TimeSpan.FromTicks(Math.Clamp(shortest.Ticks / 10, TimeSpan.TicksPerSecond, 30 * TimeSpan.TicksPerSecond));
        _timer = _time.CreateTimer(_ => EvaluateAll(), null, period, period);
        _writer = Task.Run(WriteAsync);
    }

    public void OnRunEvent(RunEvent runEvent)
    {
        ArgumentNullException.ThrowIfNull(runEvent);
        if (!_thresholds.Enabled || runEvent.Journal is null)
        {
            return;
        }

        var now = _time.GetUtcNow();
        RunAlertState? state;
        if (runEvent.Type is RunEventTypes.Started or RunEventTypes.Resumed)
        {
            state = _runs[runEvent.RunId] = new RunAlertState(runEvent.RunId, runEvent.Journal, now);
        }
        else if (!_runs.TryGetValue(runEvent.RunId, out state))
        {
            return; // a run of another process (runs stop): its events carry no counts
        }

        if (runEvent.Type == RunEventTypes.Finished)
        {
            _runs.TryRemove(runEvent.RunId, out _);
            return;
        }

        lock (state)
        {
            state.Observe(runEvent, now);
            Evaluate(state, now);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _timer.DisposeAsync().ConfigureAwait(false);
        _writes.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    private void EvaluateAll()
    {
        var now = _time.GetUtcNow();
        foreach (var state in _runs.Values)
        {
            lock (state)
            {
                Evaluate(state, now);
            }
        }
    }

    private void Evaluate(RunAlertState state, DateTimeOffset now)
    {
        var t = _thresholds;
        var memory = _memoryUsage();
        Check(state, now, AlertThresholds.HighErrorRate, state.ErrorRate > t.ErrorRate, t.ErrorRateFor,
            () => $"run {state.RunId}: error rate {Percent(state.ErrorRate)} ({state.Quarantined} of {state.Processed} documents quarantined) above {Percent(t.ErrorRate)} for {Duration(t.ErrorRateFor)}");
        Check(state, now, AlertThresholds.SlowProgress, state.DocumentsPerSecond is { } rate && rate < t.DocumentsPerSecond, t.DocumentsPerSecondFor,
            () => $"run {state.RunId}: {state.DocumentsPerSecond?.ToString("0.#", CultureInfo.InvariantCulture)} documents per second, below {t.DocumentsPerSecond.ToString(CultureInfo.InvariantCulture)} for {Duration(t.DocumentsPerSecondFor)}");
        Check(state, now, AlertThresholds.HighMemoryUsage, memory > t.MemoryUsage, t.MemoryUsageFor,
            () => $"run {state.RunId}: using {Percent(memory)} of the memory available to the process, above {Percent(t.MemoryUsage)} for {Duration(t.MemoryUsageFor)}");
        Check(state, now, AlertThresholds.Stalled, now - state.LastAdvanceAt >= t.StalledFor, TimeSpan.Zero,
            () => $"run {state.RunId}: no document processed for {Duration(t.StalledFor)} (still at {state.Processed})");
    }

    private void Check(RunAlertState state, DateTimeOffset now, string alert, bool holds, TimeSpan duration, Func<string> describe)
    {
        if (!holds)
        {
            state.Since.Remove(alert);
            state.Fired.Remove(alert);
            return;
        }

        if (!state.Since.TryGetValue(alert, out var since))
        {
            state.Since[alert] = since = now;
        }

        if (now - since >= duration && state.Fired.Add(alert))
        {
            _writes.Writer.TryWrite((state.Journal, state.RunId, alert, describe()));
        }
    }

    private async Task WriteAsync()
    {
        await foreach (var (journal, runId, alert, description) in _writes.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await journal.AlertAsync(runId, alert, description).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // an alert that cannot be recorded must not fail the run
            catch (Exception e)
#pragma warning restore CA1031
            {
                Trace.TraceError($"alert {alert} of run {runId} could not be recorded: {e.Message}");
            }
        }
    }

    private static string Percent(double ratio) => ratio.ToString("0.#%", CultureInfo.InvariantCulture);

    private static string Duration(TimeSpan span) => span.TotalMinutes >= 1 && span.Seconds == 0
        ? $"{span.TotalMinutes:0}m"
        : $"{span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)}s";
}

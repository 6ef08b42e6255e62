using Ferry.Core.Observability;
using Ferry.Core.Runs;
using Ferry.Core.Storage;
using Ferry.Store.Embedded;
using MongoDB.Bson;

namespace Ferry.Core.Tests.Observability;

/// <summary>
/// The in-process alerts: each of the four fires on a run that crosses its threshold for its duration, is recorded in
/// the run's journal (and so published as alert_fired), fires once while the condition holds, and never for a
/// finished run. Durations are zero or short so the tests run in real time; the hub is process-wide, so each test
/// uses its own run id.
/// </summary>
public sealed class RunAlertObserverTests : IAsyncLifetime
{
    private static readonly AlertThresholds Quiet = new()
    {
        ErrorRate = 1, ErrorRateFor = TimeSpan.Zero, DocumentsPerSecond = 0, DocumentsPerSecondFor = TimeSpan.Zero,
        MemoryUsage = 1, MemoryUsageFor = TimeSpan.Zero, StalledFor = TimeSpan.FromHours(1),
    };

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ferry-alerts", Guid.NewGuid().ToString("N"));
    private readonly string _runId = "run-" + Guid.NewGuid().ToString("N");
    private IDocumentStore _store = null!;

    private RunJournal Journal => new(_store.GetDatabase("target"));

    public async Task InitializeAsync() => _store = await new EmbeddedStoreProvider().OpenAsync("file:" + _folder);

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_high_error_rate_fires_once_while_it_holds_and_is_recorded_in_the_journal()
    {
        var journal = Journal;
        var fired = new List<RunEvent>();
        using var recorder = RunEvents.Subscribe(new Recorder(_runId, fired));
        await using (var alerts = new RunAlertObserver(Quiet with { ErrorRate = 0.05 }))
        using (RunEvents.Subscribe(alerts))
        {
            await journal.StartAsync(_runId, "transform", new BsonDocument());
            await journal.ProgressAsync(_runId, "users", new CollectionProgress(100, 1000, 90, 10), new BsonDocument());
            await journal.ProgressAsync(_runId, "users", new CollectionProgress(200, 1000, 180, 20), new BsonDocument());
        }

        var recorded = (await journal.GetAsync(_runId))!["alerts"].AsBsonArray;
        Assert.Equal([AlertThresholds.HighErrorRate], recorded.Select(a => a["alert"].AsString));
        Assert.Equal($"run {_runId}: error rate 10% (10 of 100 documents quarantined) above 5% for 0s", recorded[0]["description"].AsString);
        Assert.Equal([$"{AlertThresholds.HighErrorRate}: run {_runId}: error rate 10% (10 of 100 documents quarantined) above 5% for 0s"], fired.Select(e => e.Message));
    }

    [Fact]
    public async Task An_error_rate_at_the_threshold_does_not_fire()
    {
        var journal = Journal;
        await using (var alerts = new RunAlertObserver(Quiet with { ErrorRate = 0.1 }))
        using (RunEvents.Subscribe(alerts))
        {
            await journal.StartAsync(_runId, "transform", new BsonDocument());
            await journal.ProgressAsync(_runId, "users", new CollectionProgress(100, 1000, 90, 10), new BsonDocument());
        }

        Assert.Empty((await journal.GetAsync(_runId))!["alerts"].AsBsonArray);
    }

    [Fact]
    public async Task Slow_progress_and_high_memory_fire_with_their_values()
    {
        var journal = Journal;
        await using (var alerts = new RunAlertObserver(Quiet with { DocumentsPerSecond = 1e12, MemoryUsage = 0.9 }, memoryUsage: () => 0.95))
        using (RunEvents.Subscribe(alerts))
        {
            await journal.StartAsync(_runId, "migrate", new BsonDocument());
            await journal.ProgressAsync(_runId, "users", new CollectionProgress(10, 1000, 10, 0), new BsonDocument());
        }

        var recorded = (await journal.GetAsync(_runId))!["alerts"].AsBsonArray.Select(a => a["description"].AsString).ToList();
        Assert.Equal(2, recorded.Count);
        Assert.Contains($"run {_runId}: using 95% of the memory available to the process, above 90% for 0s", recorded);
        Assert.Single(recorded, d => d.StartsWith($"run {_runId}: ", StringComparison.Ordinal) && d.EndsWith(" documents per second, below 1000000000000 for 0s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_run_with_no_progress_for_the_stalled_duration_fires_stalled_from_the_timer()
    {
        var journal = Journal;
        await using (var alerts = new RunAlertObserver(Quiet with { StalledFor = TimeSpan.FromMilliseconds(300) }, tick: TimeSpan.FromMilliseconds(50)))
        using (RunEvents.Subscribe(alerts))
        {
            await journal.StartAsync(_runId, "restore", new BsonDocument());
            await journal.ProgressAsync(_runId, "users", new CollectionProgress(10, 1000, 10, 0), new BsonDocument());
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while ((await journal.GetAsync(_runId))!["alerts"].AsBsonArray.Count == 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }

        var recorded = (await journal.GetAsync(_runId))!["alerts"].AsBsonArray;
        Assert.Equal([AlertThresholds.Stalled], recorded.Select(a => a["alert"].AsString));
        Assert.Equal($"run {_runId}: no document processed for 0.3s (still at 10)", recorded[0]["description"].AsString);
    }

    [Fact]
    public async Task A_finished_run_is_never_stalled()
    {
        var journal = Journal;
        await journal.StartAsync(_runId + "-warm-up", "transform", new BsonDocument()); // creates the store's files first
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using (var alerts = new RunAlertObserver(Quiet with { StalledFor = TimeSpan.FromSeconds(2) }, tick: TimeSpan.FromMilliseconds(20)))
        using (RunEvents.Subscribe(alerts))
        {
            await journal.StartAsync(_runId, "transform", new BsonDocument());
            await journal.ProgressAsync(_runId, "users", new CollectionProgress(10, 10, 10, 0), new BsonDocument());
            await journal.FinishAsync(_runId, RunStatus.Completed);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"the run took {clock.Elapsed}: it could have stalled before it finished");
            await Task.Delay(TimeSpan.FromSeconds(3));
        }

        Assert.Empty((await journal.GetAsync(_runId))!["alerts"].AsBsonArray);
    }

    private sealed class Recorder(string runId, List<RunEvent> fired) : IRunObserver
    {
        public void OnRunEvent(RunEvent runEvent)
        {
            if (runEvent.RunId == runId && runEvent.Type == RunEventTypes.AlertFired)
            {
                lock (fired)
                {
                    fired.Add(runEvent);
                }
            }
        }
    }
}

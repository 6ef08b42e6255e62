using System.Collections.Concurrent;
using Ferry.Core.Runs;
using Ferry.Core.Storage;
using Ferry.Store.Embedded;
using MongoDB.Bson;

namespace Ferry.Core.Tests.Runs;

/// <summary>
/// The journal tells observers what happens to a run (the feed for metrics, notifications and alerts), keeps
/// bounded progress samples for the report, links a step's run to its plan through <see cref="RunScope"/>, and
/// redacts error texts. Other tests publish too (the hub is process-wide), so each test filters on its own run id.
/// </summary>
public sealed class RunJournalEventTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ferry-journal-events", Guid.NewGuid().ToString("N"));
    private readonly string _runId = "run-" + Guid.NewGuid().ToString("N");
    private IDocumentStore _store = null!;

    private IDocumentDatabase Database => _store.GetDatabase("target");

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
    public async Task A_run_publishes_started_progress_error_and_finished_with_its_totals_across_collections()
    {
        var events = new Recorder(_runId);
        using var subscription = RunEvents.Subscribe(events);
        var journal = new RunJournal(Database);

        await journal.StartAsync(_runId, "transform", new BsonDocument());
        await journal.ProgressAsync(_runId, "users", new CollectionProgress(10, 100, 9, 1), new BsonDocument());
        await journal.ProgressAsync(_runId, "orders", new CollectionProgress(5, 50, 5, 0), new BsonDocument());
        await journal.ErrorAsync(_runId, new BsonDocument("message", "connect mongodb://admin:hunter2@db:27017 failed"));
        await journal.FinishAsync(_runId, RunStatus.Failed, "lost mongodb://admin:hunter2@db:27017");

        Assert.Equal(["started", "progress", "progress", "error", "finished"], events.All.Select(e => e.Type));
        Assert.All(events.All, e => Assert.Equal("transform", e.Kind));
        Assert.All(events.All, e => Assert.Equal("target", e.Database));
        var second = events.All[2];
        Assert.Equal(("orders", 15L, 150L, 14L, 1L), (second.Collection, second.Processed, second.Total, second.Written, second.Quarantined));
        Assert.DoesNotContain("hunter2", events.All[3].Message, StringComparison.Ordinal);
        var finished = events.All[4];
        Assert.Equal((RunStatus.Failed, 1L, 15L), (finished.Status, finished.Errors, finished.Processed));
        Assert.DoesNotContain("hunter2", finished.Message, StringComparison.Ordinal);

        var run = (await journal.GetAsync(_runId))!;
        Assert.DoesNotContain("hunter2", run.ToJson(), StringComparison.Ordinal);
        Assert.Equal("lost mongodb://admin:***@db:27017", run["status_reason"].AsString);
    }

    [Fact]
    public async Task Samples_are_taken_at_start_and_end_of_a_run_and_hold_its_totals()
    {
        var journal = new RunJournal(Database);
        await journal.StartAsync(_runId, "restore", new BsonDocument());
        await journal.ProgressAsync(_runId, "users", new CollectionProgress(40, 100, 40, 0), new BsonDocument());
        await journal.ProgressAsync(_runId, "users", new CollectionProgress(100, 100, 98, 2), new BsonDocument());
        await journal.FinishAsync(_runId, RunStatus.Completed);

        var samples = (await journal.GetAsync(_runId))!["samples"].AsBsonArray.Select(s => s.AsBsonDocument).ToList();
        // The first progress is always sampled; the second lands within a second of it and is not; the end always is.
        Assert.Equal([40L, 100L], samples.Select(s => s["processed"].AsInt64));
        Assert.Equal(2L, samples[^1]["quarantined"].AsInt64);
        Assert.InRange(samples[^1]["memory_ratio"].AsDouble, 0.0, 1.0);
    }

    [Fact]
    public async Task A_run_started_in_a_scope_records_its_parent_and_its_events_carry_it()
    {
        var events = new Recorder(_runId);
        using var subscription = RunEvents.Subscribe(events);
        var journal = new RunJournal(Database);
        using (RunScope.Begin("plan-1"))
        {
            await journal.StartAsync(_runId, "migrate", new BsonDocument());
        }

        Assert.Equal("plan-1", (await journal.GetAsync(_runId))!["parent_run_id"].AsString);
        Assert.Equal("plan-1", events.All.Single().ParentRunId);
        Assert.Null(RunScope.CurrentParent);
    }

    [Fact]
    public async Task Alerts_are_recorded_and_published_and_the_journal_s_own_fields_cannot_be_set()
    {
        var events = new Recorder(_runId);
        using var subscription = RunEvents.Subscribe(events);
        var journal = new RunJournal(Database);
        await journal.StartAsync(_runId, "transform", new BsonDocument());
        await journal.AlertAsync(_runId, "MigrationHighErrorRate", "error rate 0.07 above 0.05");
        await journal.SetAsync(_runId, new BsonDocument("steps", new BsonArray { "backup" }));

        var run = (await journal.GetAsync(_runId))!;
        Assert.Equal("MigrationHighErrorRate", run["alerts"][0]["alert"].AsString);
        Assert.Equal("backup", run["steps"][0].AsString);
        Assert.Equal(RunEventTypes.AlertFired, events.All[^1].Type);
        await Assert.ThrowsAsync<ArgumentException>(() => journal.SetAsync(_runId, new BsonDocument("status", "completed")));
    }

    [Fact]
    public void An_observer_that_throws_does_not_stop_the_others()
    {
        var events = new Recorder(_runId);
        using var failing = RunEvents.Subscribe(new Throwing());
        using var subscription = RunEvents.Subscribe(events);

        RunEvents.Publish(new RunEvent(RunEventTypes.Progress, _runId, "transform", "db", DateTime.UtcNow));

        Assert.Single(events.All);
    }

    private sealed class Recorder(string runId) : IRunObserver
    {
        private readonly ConcurrentQueue<RunEvent> _events = new();

        public List<RunEvent> All => [.. _events];

        public void OnRunEvent(RunEvent runEvent)
        {
            if (runEvent.RunId == runId)
            {
                _events.Enqueue(runEvent);
            }
        }
    }

    private sealed class Throwing : IRunObserver
    {
        public void OnRunEvent(RunEvent runEvent) => throw new InvalidOperationException("observer bug");
    }
}

using Ferry.Core.Quarantine;
using Ferry.Core.Runs;
using Ferry.Core.Storage;
using Ferry.Core.Tests.Support;
using Ferry.Core.Transform;
using Ferry.Core.Transform.Rules;
using MongoDB.Bson;

namespace Ferry.Core.Tests.Transform;

public class TransformEngineTests
{
    private static readonly string[] Targets = ["users", "assessments", "reports", "workflow_states", "agent_metrics", "configuration"];

    /// <summary>The guide's rules with a cheap bcrypt cost, so tests hash quickly (the cost does not change behaviour).</summary>
    internal static TransformRules FastRules() =>
        TransformRulesParser.Parse(File.ReadAllText(SeededDemo.SampleFile("demo-to-prod.yaml")).Replace("cost: 10", "cost: 4", StringComparison.Ordinal), "demo-to-prod.yaml");

    private static TransformOptions Options(int batch = 100) => new() { Time = SeededDemo.Time, BatchSize = batch, Partitions = 2 };

    [Fact]
    public async Task Demo_data_becomes_production_shaped_and_every_source_document_is_written_or_quarantined()
    {
        await using var demo = await SeededDemo.CreateAsync(size: 200);
        var target = demo.Store.GetDatabase("prod");

        var result = await new TransformEngine(Options()).RunAsync(demo.Demo, target, FastRules());

        Assert.Equal("completed", result.Status);
        foreach (var outcome in result.Collections)
        {
            Assert.Equal(demo.Summary.Documents[outcome.Source], outcome.Processed);
            Assert.Equal(outcome.Processed, outcome.Written + outcome.Quarantined);
        }

        var expectedBadAssessments = demo.Planted.OrphanedAssessments + demo.Planted.AssessmentsMissingName;
        Assert.Equal(expectedBadAssessments, result.Collections.Single(c => c.Target == "assessments").Quarantined);
        Assert.Equal(0, result.Collections.Single(c => c.Target == "users").Quarantined);

        // Every produced reference resolves inside the target, and statuses were reset.
        var userIds = await IdsAsync(target.GetCollection("users"));
        var assessmentIds = await IdsAsync(target.GetCollection("assessments"));
        await foreach (var a in target.GetCollection("assessments").FindAsync(new BsonDocument()))
        {
            Assert.Contains(a["user_id"], userIds);
            Assert.Equal("draft", a["status"].AsString);
            Assert.Equal(1, a["version"].AsInt32);
        }

        await foreach (var r in target.GetCollection("reports").FindAsync(new BsonDocument()))
        {
            Assert.Contains(r["assessment_id"], assessmentIds);
        }

        await foreach (var u in target.GetCollection("users").FindAsync(new BsonDocument()))
        {
            Assert.Equal(u["email"].AsString.ToLowerInvariant(), u["email"].AsString);
            Assert.False(u.Contains("password"));
            Assert.False(u["email_verified"].AsBoolean);
        }

        var run = await new RunJournal(target).GetAsync(result.RunId);
        Assert.Equal("completed", run!["status"].AsString);
        Assert.Equal(new BsonString(RunRedaction.Mask), run["spec"]["hash_salt_key"]); // the salt never leaves the journal through a read
        Assert.Equal(result.Collections.Sum(c => c.Quarantined), await target.GetCollection(QuarantineStore.CollectionName).CountAsync());
    }

    [Fact]
    public async Task A_dry_run_counts_what_a_real_run_does_and_writes_nothing()
    {
        await using var demo = await SeededDemo.CreateAsync(size: 150);

        var dry = await new TransformEngine(Options() with { DryRun = true }).RunAsync(demo.Demo, demo.Store.GetDatabase("dry"), FastRules());
        var real = await new TransformEngine(Options()).RunAsync(demo.Demo, demo.Store.GetDatabase("real"), FastRules());

        Assert.Empty(await demo.Store.GetDatabase("dry").ListCollectionsAsync());
        Assert.Equal(
            real.Collections.Select(c => (c.Target, c.Written, c.Quarantined)),
            dry.Collections.Select(c => (c.Target, c.Written, c.Quarantined)));
        Assert.Equal((3 * (Targets.Length - 1)) + 1, dry.Samples.Count); // three per collection; configuration has one document
    }

    [Fact]
    public async Task A_stopped_run_resumes_to_the_same_target_as_an_uninterrupted_run()
    {
        await using var demo = await SeededDemo.CreateAsync(size: 200);
        var rules = FastRules();
        var uninterrupted = demo.Store.GetDatabase("straight");
        await new TransformEngine(Options(batch: 40)).RunAsync(demo.Demo, uninterrupted, rules);

        var resumed = demo.Store.GetDatabase("resumed");
        using var cancel = new CancellationTokenSource();
        var reports = 0;
        var progress = new SyncProgress(p =>
        {
            if (p.Item == "assessments" && ++reports == 5)
            {
                cancel.Cancel();
            }
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new TransformEngine(Options(batch: 40) with { Progress = progress }).RunAsync(demo.Demo, resumed, rules, cancel.Token));
        var runId = (await FirstRunAsync(resumed))["_id"].AsString;
        Assert.Equal(RunStatus.Stopped, (await new RunJournal(resumed).GetAsync(runId))!["status"].AsString);

        var result = await new TransformEngine(Options(batch: 40) with { ResumeRunId = runId }).RunAsync(demo.Demo, resumed, rules);

        Assert.Equal("completed", result.Status);
        foreach (var name in Targets)
        {
            await AssertSameDocumentsAsync(uninterrupted.GetCollection(name), resumed.GetCollection(name));
        }
    }

    [Fact]
    public async Task A_run_whose_lock_is_taken_over_mid_way_stops_failed_and_resumable_leaving_the_new_holders_lock()
    {
        await using var demo = await SeededDemo.CreateAsync(size: 200);
        var target = demo.Store.GetDatabase("paused");
        var locks = target.GetCollection(DatabaseRunLock.CollectionName);
        var takenOver = false;
        var progress = new SyncProgress(p =>
        {
            if (p.Item == "assessments" && !takenOver)
            {
                // Stands for a pause longer than the lease during which another run took the lock over.
                takenOver = true;
                locks.BulkWriteAsync([new UpdateRequest(new BsonDocument("_id", DatabaseRunLock.LockId), new BsonDocument("$set", new BsonDocument("owner", "someone-else")))]).GetAwaiter().GetResult();
                Thread.Sleep(800); // several heartbeats (every 0.2 s) while this partition is held up
            }
        });
        var options = Options(batch: 40) with { Progress = progress, Lock = new RunLockOptions { Lease = TimeSpan.FromSeconds(0.6) } };

        var error = await Assert.ThrowsAsync<Errors.OperationFailedException>(() => new TransformEngine(options).RunAsync(demo.Demo, target, FastRules()));

        var run = await FirstRunAsync(target);
        var runId = run["_id"].AsString;
        Assert.Equal($"paused: the run lock is no longer this run's (its lease expired and another run took it over); stopped, resume with --resume {runId}", error.Message);
        Assert.Equal(RunStatus.Failed, run["status"].AsString);
        Assert.Equal("someone-else", (await locks.FindOneAsync(new BsonDocument("_id", DatabaseRunLock.LockId)))!["owner"].AsString); // not released: not ours

        await DatabaseRunLock.ForceUnlockAsync(target);
        var resumed = await new TransformEngine(Options(batch: 40) with { ResumeRunId = runId }).RunAsync(demo.Demo, target, FastRules());
        Assert.Equal("completed", resumed.Status);
        Assert.Equal(200, await target.GetCollection("users").CountAsync());
    }

    [Fact]
    public async Task A_run_is_not_resumed_with_other_rules_or_another_source_database_and_is_left_as_it_was()
    {
        await using var demo = await SeededDemo.CreateAsync(size: 60);
        var target = demo.Store.GetDatabase("changed");
        var runId = await StoppedRunAsync(demo, target);
        var before = await new RunJournal(target).GetAsync(runId);
        var edited = TransformRulesParser.Parse(
            File.ReadAllText(SeededDemo.SampleFile("demo-to-prod.yaml")).Replace("cost: 10", "cost: 4", StringComparison.Ordinal).Replace("status: draft", "status: processing", StringComparison.Ordinal),
            "demo-to-prod.yaml");

        var otherRules = await Assert.ThrowsAsync<Errors.UserInputException>(() =>
            new TransformEngine(Options() with { ResumeRunId = runId }).RunAsync(demo.Demo, target, edited));
        var otherSource = await Assert.ThrowsAsync<Errors.UserInputException>(() =>
            new TransformEngine(Options() with { ResumeRunId = runId }).RunAsync(demo.Store.GetDatabase("elsewhere"), target, FastRules()));

        Assert.StartsWith($"--resume {runId}: the rules differ from those the run started with (SHA-256 ", otherRules.Message);
        Assert.Equal($"--resume {runId}: the run read source database {demo.Demo.Name}, not elsewhere; resume with --source-db {demo.Demo.Name}", otherSource.Message);
        Assert.Equal(before, await new RunJournal(target).GetAsync(runId));
    }

    [Fact]
    public async Task A_run_started_under_another_id_scheme_is_not_resumed_and_is_left_as_it_was()
    {
        await using var demo = await SeededDemo.CreateAsync(size: 60);
        var target = demo.Store.GetDatabase("old");
        var runId = await StoppedRunAsync(demo, target);
        await target.GetCollection(RunJournal.CollectionName).BulkWriteAsync(
            [new UpdateRequest(new BsonDocument("_id", runId), new BsonDocument("$unset", new BsonDocument("spec.id_scheme", "")))]);
        var before = await new RunJournal(target).GetAsync(runId);

        var error = await Assert.ThrowsAsync<Errors.UserInputException>(() =>
            new TransformEngine(Options() with { ResumeRunId = runId }).RunAsync(demo.Demo, target, FastRules()));

        Assert.Equal($"--resume {runId}: the run was started by a Ferry that makes new ids differently (id scheme 1, this one uses 2); finish it with that version, or empty its target collections and start a new run", error.Message);
        Assert.Equal(before, await new RunJournal(target).GetAsync(runId));
    }

    [Fact]
    public async Task Each_collection_reports_its_completion_exactly_once_whatever_the_partitions()
    {
        await using var demo = await SeededDemo.CreateAsync(size: 120);
        var completions = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var progress = new SyncProgress(p =>
        {
            if (p.Done == p.Total)
            {
                completions.AddOrUpdate(p.Item, 1, (_, n) => n + 1);
            }
        });

        await new TransformEngine(Options(batch: 10) with { Progress = progress, Partitions = 3 }).RunAsync(demo.Demo, demo.Store.GetDatabase("prod"), FastRules());

        Assert.Equal(Targets.Order(StringComparer.Ordinal), completions.Keys.Order(StringComparer.Ordinal));
        Assert.All(completions, c => Assert.Equal(1, c.Value));
    }

    /// <summary>Starts a transform into <paramref name="target"/> and cancels it during assessments; returns its run id.</summary>
    private static async Task<string> StoppedRunAsync(SeededDemo demo, IDocumentDatabase target)
    {
        using var cancel = new CancellationTokenSource();
        var progress = new SyncProgress(p =>
        {
            if (p.Item == "assessments")
            {
                cancel.Cancel();
            }
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new TransformEngine(Options(batch: 20) with { Progress = progress }).RunAsync(demo.Demo, target, FastRules(), cancel.Token));
        return (await FirstRunAsync(target))["_id"].AsString;
    }

    /// <summary>Compares two collections document by document; password hashes (salted per run) must verify the same password.</summary>
    internal static async Task AssertSameDocumentsAsync(IDocumentCollection expected, IDocumentCollection actual)
    {
        var left = await AllAsync(expected);
        var right = await AllAsync(actual);
        Assert.Equal(left.Count, right.Count);
        for (var i = 0; i < left.Count; i++)
        {
            var a = left[i];
            var b = right[i];
            if (a.Contains("password_hash"))
            {
                Assert.Equal(a["password_hash"].AsString[..7], b["password_hash"].AsString[..7]);
                a.Remove("password_hash");
                b.Remove("password_hash");
            }

            Assert.Equal(a, b);
        }
    }

    private static async Task<List<BsonDocument>> AllAsync(IDocumentCollection collection)
    {
        var docs = new List<BsonDocument>();
        await foreach (var raw in collection.ScanAsync())
        {
            docs.Add(raw.Materialize(new MongoDB.Bson.IO.BsonBinaryReaderSettings()));
        }

        return docs;
    }

    private static async Task<HashSet<BsonValue>> IdsAsync(IDocumentCollection collection) => (await AllAsync(collection)).Select(d => d["_id"]).ToHashSet();

    private static async Task<BsonDocument> FirstRunAsync(IDocumentDatabase db)
    {
        await foreach (var run in new RunJournal(db).ListAsync())
        {
            return run;
        }

        throw new InvalidOperationException("no run");
    }

    private sealed class SyncProgress(Action<Progress.ItemProgress> report) : IProgress<Progress.ItemProgress>
    {
        public void Report(Progress.ItemProgress value) => report(value);
    }
}

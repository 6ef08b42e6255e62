using System.Diagnostics;
using Ferry.Core.Runs;
using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Cli.Tests;

/// <summary>
/// Stopping runs from another process: <c>ferry runs stop</c> and <c>ferry emergency stop</c> end a running transform
/// within seconds (its slow password-hashing batch abandoned, not finished), and <c>--resume</c> then completes it to
/// exactly what an uninterrupted run writes.
/// </summary>
public class RunStopProcessTests
{
    private const string Clock = "2026-06-01T12:00:00Z";
    private const string Users = "1000";

    [Fact]
    public async Task Runs_stop_ends_a_transform_in_a_slow_bcrypt_batch_within_5_s_and_resume_completes_it_to_the_uninterrupted_export()
    {
        using var cli = new CliHarness();
        var (uri, rules) = await SeedAsync(cli);
        string[] Args(string targetDb, params string[] more) =>
            ["transform", "--rules", rules, "--source-uri", uri, "--source-db", "inframind_demo", "--target-db", targetDb, "--batch-size", Users, "--partitions", "1", .. more];

        var straight = await RunAsync(Args("straight"));
        Assert.True(straight.Exit == 0, straight.Text);

        using var transform = FerryProcess.Start(Args("stopped"), Environment());
        var runId = await RunningRunAsync(transform, uri, "stopped");
        var stop = await FerryProcess.RunAsync(TimeSpan.FromMinutes(2), "runs", "stop", runId, "--uri", uri, "--db", "stopped");
        Assert.True(stop.Exit == 0, stop.Text);
        var clock = Stopwatch.StartNew();
        var stopped = await transform.WaitAsync();
        var took = clock.Elapsed;

        Assert.True(stopped.Exit == 1, stopped.Text);
        Assert.True(took < TimeSpan.FromSeconds(5), $"the transform took {took} to stop");
        Assert.Contains($"transform run {runId} stopped on request", stopped.Text, StringComparison.Ordinal);
        Assert.Contains($"--resume {runId}", stopped.Text, StringComparison.Ordinal);
        var run = await RunAsync(uri, "stopped", runId);
        Assert.Equal(RunStatus.Stopped, run["status"].AsString);
        Assert.Equal("stop requested; the batch in progress was abandoned (a resume redoes it)", run["status_reason"].AsString);
        Assert.Equal(0, await CountAsync(uri, "stopped", "users")); // the users batch was abandoned before it was written

        var resumed = await RunAsync(Args("stopped", "--resume", runId));
        Assert.True(resumed.Exit == 0, resumed.Text);
        await AssertSameTargetsAsync(uri, "straight", "stopped");
    }

    [Fact]
    public async Task Emergency_stop_from_a_second_process_stops_a_running_transform_releases_its_lock_and_takes_a_verified_emergency_backup()
    {
        using var cli = new CliHarness();
        var (uri, rules) = await SeedAsync(cli);
        var backups = cli.PathOf("backups");
        var marker = cli.PathOf("stop-hook-ran");
        await File.WriteAllTextAsync(cli.PathOf("ferry.yaml"), $"emergency:\n  stop:\n    - name: scale-down\n      run: echo \"$FERRY_RUN_ID\" > '{marker}'\n");
        string[] transformArgs = ["transform", "--rules", rules, "--source-uri", uri, "--source-db", "inframind_demo", "--target-db", "prod", "--batch-size", Users, "--partitions", "1"];

        using var transform = FerryProcess.Start(transformArgs, Environment());
        var runId = await RunningRunAsync(transform, uri, "prod");
        var (exit, output) = await FerryProcess.RunAsync(cli.Folder, null, "emergency", "stop", "--uri", uri, "--db", "prod", "--out", backups, "--timeout", "30", "--json");
        var stopped = await transform.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(exit == 0, output);
        Assert.Equal(1, stopped.Exit);
        var json = BsonDocument.Parse(output[..(output.LastIndexOf('}') + 1)]);
        Assert.Equal(new BsonArray { "prod/" + runId }, json["stopped"]);
        Assert.Empty(json["notStopped"].AsBsonArray);
        Assert.True(json["backupVerified"].AsBoolean);
        Assert.StartsWith("emergency-", json["backupTag"].AsString, StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(backups, json["backupTag"].AsString)));
        Assert.Equal("scale-down", json["hooks"][0]["name"].AsString);
        var emergencyRunId = json["runId"].AsString;
        Assert.Equal(emergencyRunId, (await File.ReadAllTextAsync(marker)).Trim());
        Assert.Equal(RunStatus.Stopped, (await RunAsync(uri, "prod", runId))["status"].AsString);
        var emergency = await RunAsync(uri, "prod", emergencyRunId);
        Assert.Equal("emergency", emergency["kind"].AsString);
        Assert.Equal(RunStatus.Completed, emergency["status"].AsString);
        Assert.Equal(json["backupTag"].AsString, emergency["backup_tag"].AsString);
        await using var store = await Open(uri);
        Assert.Equal(0, await store.GetDatabase("prod").GetCollection(DatabaseRunLock.CollectionName).CountAsync());
    }

    [Fact]
    public async Task Runs_stop_abandons_a_migration_that_works_in_slow_batches_and_rolls_it_back()
    {
        using var cli = new CliHarness();
        var migrations = cli.PathOf("migrations");
        Directory.CreateDirectory(migrations);
        await cli.SeedAsync("app", "items", [.. Enumerable.Range(0, 50).Select(i => new BsonDocument { { "_id", i }, { "n", i } })]);
        // Each batch (one document) "takes" a second (a busy wait), so the run lasts fifty seconds unless stopped.
        await File.WriteAllTextAsync(Path.Combine(migrations, "001_slow.js"), """
            module.exports = {
              up(db) {
                for (let i = 0; i < 50; i++) {
                  db.items.updateMany({ _id: i }, { $set: { touched: true } });
                  const until = Date.now() + 1000;
                  while (Date.now() < until) { }
                }
              },
              down(db) { db.items.updateMany({}, { $unset: { touched: "" } }); }
            };
            """);
        var before = await ExportAsync(cli.StoreUri, "app", "items");

        using var migrate = FerryProcess.Start(["migrate", "up", "--uri", cli.StoreUri, "--db", "app", "--dir", migrations, "--backup-dir", cli.PathOf("backups")]);
        var runId = await RunningRunAsync(migrate, cli.StoreUri, "app", "migrate");
        Assert.True(await migrate.WhenAsync(async () => await TouchedAsync(cli.StoreUri) > 0), "the migration ended before it touched anything");
        var stop = await FerryProcess.RunAsync(TimeSpan.FromMinutes(2), "runs", "stop", runId, "--uri", cli.StoreUri, "--db", "app");
        Assert.True(stop.Exit == 0, stop.Text);
        var clock = Stopwatch.StartNew();
        var stopped = await migrate.WaitAsync();

        Assert.True(stopped.Exit == 1, stopped.Text);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the migration took {clock.Elapsed} to stop");
        Assert.Contains($"migrate run {runId} stopped on request", stopped.Text, StringComparison.Ordinal);
        Assert.Equal(before, await ExportAsync(cli.StoreUri, "app", "items"));
        var run = await RunAsync(cli.StoreUri, "app", runId);
        Assert.Equal(RunStatus.Stopped, run["status"].AsString);
        Assert.StartsWith("stop requested during 001; rolled back to backup ", run["status_reason"].AsString, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Environment() => new() { ["FERRY_CLOCK"] = Clock };

    private static async Task<(string Uri, string Rules)> SeedAsync(CliHarness cli)
    {
        var demoDir = cli.PathOf("demo");
        var (seeded, output) = await CliHarness.RunAsync("demo", "--dir", demoDir, "--size", Users);
        Assert.True(seeded == 0, output);
        var rules = cli.PathOf("rules.yaml");
        // bcrypt cost 8: the single batch of all users takes seconds, far longer than a stop may.
        await File.WriteAllTextAsync(rules, Ferry.Demo.Workflow.SampleRules.Read(Ferry.Demo.Workflow.SampleRules.DemoToProduction).Replace("cost: 10", "cost: 8", StringComparison.Ordinal));
        return ("file:" + Path.Combine(demoDir, "data"), rules);
    }

    private static async Task<FerryProcess.Outcome> RunAsync(string[] args)
    {
        using var ferry = FerryProcess.Start(args, Environment());
        return await ferry.WaitAsync();
    }

    /// <summary>The id of the run <paramref name="ferry"/> started, once it is in the journal and running.</summary>
    private static async Task<string> RunningRunAsync(FerryProcess ferry, string uri, string db, string kind = "transform")
    {
        string? runId = null;
        var found = await ferry.WhenAsync(async () =>
        {
            await using var store = await Open(uri);
            await foreach (var run in new RunJournal(store.GetDatabase(db)).ListAsync())
            {
                if (run["kind"] == kind && run["status"] == RunStatus.Running)
                {
                    runId = run["_id"].AsString;
                }
            }

            return runId is not null;
        });
        Assert.True(found, $"ferry {string.Join(' ', ferry.Args)} ended before its run was journaled");
        return runId!;
    }

    private static async Task<long> TouchedAsync(string uri)
    {
        await using var store = await Open(uri);
        return await store.GetDatabase("app").GetCollection("items").CountAsync(new BsonDocument("touched", true));
    }

    private static async Task<BsonDocument> RunAsync(string uri, string db, string runId)
    {
        await using var store = await Open(uri);
        return await new RunJournal(store.GetDatabase(db)).GetAsync(runId) ?? throw new Xunit.Sdk.XunitException($"no run {runId}");
    }

    private static async Task<long> CountAsync(string uri, string db, string collection)
    {
        await using var store = await Open(uri);
        return await store.GetDatabase(db).GetCollection(collection).CountAsync();
    }

    private static Task<IDocumentStore> Open(string uri) => new StoreRegistry(Infrastructure.StoreProviders.All()).OpenAsync(uri);

    private static async Task AssertSameTargetsAsync(string uri, string expectedDb, string actualDb)
    {
        Assert.Equal(await CountAsync(uri, expectedDb, "_ferry_quarantine"), await CountAsync(uri, actualDb, "_ferry_quarantine"));
        foreach (var name in new[] { "users", "assessments", "reports", "workflow_states", "agent_metrics", "configuration" })
        {
            var expected = await ExportAsync(uri, expectedDb, name);
            var actual = await ExportAsync(uri, actualDb, name);
            Assert.Equal(expected.Count, actual.Count);
            for (var i = 0; i < expected.Count; i++)
            {
                if (expected[i].Contains("password_hash"))
                {
                    // Salts differ between runs (per-run secret); the cost and the rest of the document must not.
                    Assert.StartsWith("$2a$08$", actual[i]["password_hash"].AsString, StringComparison.Ordinal);
                    expected[i].Remove("password_hash");
                    actual[i].Remove("password_hash");
                }

                Assert.Equal(expected[i], actual[i]);
            }
        }
    }

    private static async Task<List<BsonDocument>> ExportAsync(string uri, string db, string collection)
    {
        await using var store = await Open(uri);
        var documents = new List<BsonDocument>();
        await foreach (var raw in store.GetDatabase(db).GetCollection(collection).ScanAsync())
        {
            documents.Add(raw.Materialize(new MongoDB.Bson.IO.BsonBinaryReaderSettings()));
        }

        return documents;
    }
}

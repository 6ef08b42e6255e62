using Ferry.Core.Runs;
using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Cli.Tests;

/// <summary>
/// Crash tests with real processes: <c>ferry transform</c> runs as a child process and is killed with SIGKILL at
/// several points; <c>--resume</c> then finishes it, and the target must equal an uninterrupted run's.
/// </summary>
public class TransformCrashTests
{
    private const string Clock = "2026-06-01T12:00:00Z";

    [Fact]
    public async Task Resume_after_sigkill_at_several_points_yields_the_same_target_as_an_uninterrupted_run()
    {
        using var cli = new CliHarness();
        var demoDir = cli.PathOf("demo");
        var (seeded, output) = await CliHarness.RunAsync("demo", "--dir", demoDir, "--size", "400");
        Assert.True(seeded == 0, output);
        var uri = "file:" + Path.Combine(demoDir, "data");
        var rules = cli.PathOf("rules.yaml");
        var guideRules = Ferry.Demo.Workflow.SampleRules.Read(Ferry.Demo.Workflow.SampleRules.DemoToProduction);
        await File.WriteAllTextAsync(rules, guideRules.Replace("cost: 10", "cost: 6", StringComparison.Ordinal));
        string[] Args(string targetDb, params string[] more) =>
            ["transform", "--rules", rules, "--source-uri", uri, "--source-db", "inframind_demo", "--target-db", targetDb, "--batch-size", "20", "--partitions", "2", .. more];

        var straight = await RunChildAsync(Args("straight"), killWhen: null);
        Assert.Equal(0, straight);

        // Kill the first attempt once a little is written, then each resume a little later, until one completes.
        // Kill points are set by progress in the target (not by wall-clock time), so a busy machine changes nothing.
        var kills = 0;
        string? runId = null;
        long[] killAt = [100, 900, 2500, 4200];
        foreach (var threshold in killAt)
        {
            var exit = await RunChildAsync(runId is null ? Args("resumed") : Args("resumed", "--resume", runId, "--wait", "120"), killWhen: async () => await WrittenAsync(uri, "resumed") >= threshold);
            runId ??= await RunIdAsync(uri, "resumed");
            Assert.NotNull(runId);
            if (exit is null)
            {
                kills++;
                Assert.Equal(RunStatus.Running, await StatusAsync(uri, "resumed", runId!)); // a SIGKILL leaves it "running": nobody could say otherwise
                continue;
            }

            Assert.Equal(0, exit);
            break;
        }

        if (await StatusAsync(uri, "resumed", runId!) != RunStatus.Completed)
        {
            Assert.Equal(0, await RunChildAsync(Args("resumed", "--resume", runId!, "--wait", "120"), killWhen: null));
        }

        Assert.True(kills >= 2, $"the run was killed mid-way only {kills} time(s); slow the run down or kill earlier");
        await using var store = await new StoreRegistry(Infrastructure.StoreProviders.All()).OpenAsync(uri);
        foreach (var name in new[] { "users", "assessments", "reports", "workflow_states", "agent_metrics", "configuration" })
        {
            await AssertSameDocumentsAsync(store.GetDatabase("straight").GetCollection(name), store.GetDatabase("resumed").GetCollection(name));
        }

        Assert.Equal(
            await store.GetDatabase("straight").GetCollection("_ferry_quarantine").CountAsync(),
            await store.GetDatabase("resumed").GetCollection("_ferry_quarantine").CountAsync());
    }

    /// <summary>Runs ferry in a child process; kills it (SIGKILL) as soon as <paramref name="killWhen"/> holds. Null when killed.</summary>
    private static async Task<int?> RunChildAsync(string[] args, Func<Task<bool>>? killWhen)
    {
        // A short lease: each resume waits (--wait) until the killed attempt's lock is stale, 2 s after its last heartbeat.
        using var ferry = FerryProcess.Start(args, new Dictionary<string, string> { ["FERRY_CLOCK"] = Clock, [RunLockOptions.LeaseVariable] = "2" });
        if (killWhen is not null && await ferry.WhenAsync(killWhen))
        {
            await ferry.KillAsync();
            return null;
        }

        var (exit, stdout, stderr) = await ferry.WaitAsync();
        Assert.True(exit == 0, $"ferry {string.Join(' ', args)} exited {exit}: {stderr}{stdout}");
        return exit;
    }

    private static async Task<long> WrittenAsync(string uri, string db)
    {
        await using var store = await new StoreRegistry(Infrastructure.StoreProviders.All()).OpenAsync(uri);
        var database = store.GetDatabase(db);
        long total = 0;
        foreach (var name in new[] { "users", "assessments", "reports", "workflow_states", "agent_metrics" })
        {
            total += await database.GetCollection(name).EstimatedCountAsync();
        }

        return total;
    }

    private static async Task<string?> RunIdAsync(string uri, string db)
    {
        await using var store = await new StoreRegistry(Infrastructure.StoreProviders.All()).OpenAsync(uri);
        await foreach (var run in new RunJournal(store.GetDatabase(db)).ListAsync())
        {
            return run["_id"].AsString;
        }

        return null;
    }

    private static async Task<string> StatusAsync(string uri, string db, string runId)
    {
        await using var store = await new StoreRegistry(Infrastructure.StoreProviders.All()).OpenAsync(uri);
        return (await new RunJournal(store.GetDatabase(db)).GetAsync(runId))!["status"].AsString;
    }

    private static async Task AssertSameDocumentsAsync(IDocumentCollection expected, IDocumentCollection actual)
    {
        var left = await AllAsync(expected);
        var right = await AllAsync(actual);
        Assert.Equal(left.Count, right.Count);
        for (var i = 0; i < left.Count; i++)
        {
            if (left[i].Contains("password_hash"))
            {
                // Salts differ between runs (per-run secret); within the resumed run they are reproducible.
                Assert.StartsWith("$2a$06$", right[i]["password_hash"].AsString);
                left[i].Remove("password_hash");
                right[i].Remove("password_hash");
            }

            Assert.Equal(left[i], right[i]);
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
}

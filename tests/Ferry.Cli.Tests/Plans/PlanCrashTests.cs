using Ferry.Core.Runs;
using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Cli.Tests.Plans;

/// <summary>
/// <c>ferry run</c> in a child process killed with SIGKILL during each step in turn; <c>--resume</c> then finishes
/// the run, and the target must equal an uninterrupted run's.
/// </summary>
public class PlanCrashTests
{
    private const string Plan = """
        store: { db: {{DB}} }
        steps:
          - { name: backup, backup: {} }
          - { name: pause, hook: { run: "sleep 1" } }
          - { name: transform, transform: { rules: demo-to-prod.yaml, source_db: inframind_demo, batch_size: 10 } }
          - { name: repair, doctor: { rules: validation-prod.yaml, fix: true } }
          - { name: validate, validate: { rules: validation-prod.yaml } }
          - { name: report, report: { path: report-{{DB}}.json } }
        """;

    [Fact]
    public async Task Killed_during_each_step_the_resumed_plan_ends_as_an_uninterrupted_run()
    {
        using var fixture = await PlanFixture.SeedAsync(size: 60);
        var straightPlan = fixture.WritePlan("straight.yaml", Plan.Replace("{{DB}}", "straight", StringComparison.Ordinal));
        var resumedPlan = fixture.WritePlan("resumed.yaml", Plan.Replace("{{DB}}", "resumed", StringComparison.Ordinal));
        using (var straight = Start(["run", straightPlan, "--uri", fixture.Uri]))
        {
            var outcome = await straight.WaitAsync();
            Assert.True(outcome.Exit == 0, outcome.Text[^Math.Min(outcome.Text.Length, 1500)..]);
        }

        string? runId = null;
        var kills = 0;
        for (var step = 0; step < 6; step++)
        {
            string[] args = runId is null ? ["run", resumedPlan, "--uri", fixture.Uri] : ["run", resumedPlan, "--uri", fixture.Uri, "--resume", runId, "--wait", "120"];
            using var ferry = Start(args);
            var index = step;
            if (await ferry.WhenAsync(async () => await ReachedAsync(fixture, index)))
            {
                await ferry.KillAsync();
                kills++;
                runId ??= (await fixture.RunsAsync("resumed", "plan")).Single()["_id"].AsString;
                Assert.Equal(RunStatus.Running, (await fixture.RunAsync("resumed", runId))["status"].AsString);
                continue;
            }

            var outcome = await ferry.WaitAsync();
            Assert.True(outcome.Exit == 0, outcome.Text);
            runId ??= (await fixture.RunsAsync("resumed", "plan")).Single()["_id"].AsString;
            break;
        }

        if ((await fixture.RunAsync("resumed", runId!))["status"].AsString != RunStatus.Completed)
        {
            using var last = Start(["run", resumedPlan, "--uri", fixture.Uri, "--resume", runId!, "--wait", "120"]);
            var outcome = await last.WaitAsync();
            Assert.True(outcome.Exit == 0, outcome.Text);
        }

        Assert.True(kills >= 4, $"only {kills} kill(s) landed inside the run");
        var run = await fixture.RunAsync("resumed", runId!);
        Assert.Equal(RunStatus.Completed, run["status"].AsString);
        Assert.All(run["steps"].AsBsonArray, s => Assert.Equal("completed", s["status"].AsString));
        Assert.Single(await fixture.RunsAsync("resumed", "transform"));
        await using var store = await fixture.OpenAsync();
        foreach (var name in new[] { "users", "assessments", "reports", "workflow_states", "agent_metrics", "configuration" })
        {
            Assert.Equal(await AllAsync(store.GetDatabase("straight").GetCollection(name)), await AllAsync(store.GetDatabase("resumed").GetCollection(name)));
        }
    }

    /// <summary>The plan run in "resumed" has reached step <paramref name="index"/> (it is running or past it).</summary>
    private static async Task<bool> ReachedAsync(PlanFixture fixture, int index)
    {
        var runs = await fixture.RunsAsync("resumed", "plan");
        if (runs.Count == 0 || !runs[0].Contains("steps"))
        {
            return false;
        }

        var steps = runs[0]["steps"].AsBsonArray;
        return steps.Skip(index).Any(s => s["status"].AsString is "running" or "completed") && steps[index]["status"].AsString != "pending";
    }

    private static FerryProcess Start(string[] args) =>
        FerryProcess.Start(args, new Dictionary<string, string> { ["FERRY_CLOCK"] = "2026-06-01T12:00:00Z", [RunLockOptions.LeaseVariable] = "2" });

    /// <summary>The documents, password hashes left out (each run salts them with its own secret).</summary>
    private static async Task<List<BsonDocument>> AllAsync(IDocumentCollection collection)
    {
        var docs = new List<BsonDocument>();
        await foreach (var raw in collection.ScanAsync())
        {
            var doc = raw.Materialize(new MongoDB.Bson.IO.BsonBinaryReaderSettings());
            doc.Remove("password_hash");
            docs.Add(doc);
        }

        return docs;
    }
}

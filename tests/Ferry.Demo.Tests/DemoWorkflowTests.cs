using Ferry.Core.Errors;
using Ferry.Core.Runs;
using Ferry.Core.Storage;
using Ferry.Core.Tests.Transfer;
using Ferry.Demo.Generation;
using Ferry.Demo.Workflow;

namespace Ferry.Demo.Tests;

public sealed class DemoWorkflowTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly Store.Embedded.EmbeddedStoreProvider _provider = new();

    public void Dispose() => _temp.Dispose();

    private DemoOptions Options(bool keep = false, long size = 200) => new()
    {
        Directory = _temp.File("demo"),
        Size = size,
        Seed = 11,
        Keep = keep,
        BatchSize = 64,
        Clock = FixedClock.Default,
    };

    private Task<DemoResult> RunAsync(DemoOptions options, List<DemoProgress>? reports = null) =>
        new DemoWorkflow(new StoreRegistry([_provider])).RunAsync(options, reports is null ? null : new ListProgress(reports));

    [Fact]
    public async Task The_demo_seeds_every_collection_in_batches_and_writes_planted_json()
    {
        var reports = new List<DemoProgress>();
        var options = Options();

        var result = await RunAsync(options, reports);

        var expected = new InfraMindGenerator(options.GeneratorOptions).Summarize();
        Assert.Equal(expected.Defects, result.Summary.Defects);
        Assert.Equal(expected.Documents.OrderBy(p => p.Key), result.StoreCounts.OrderBy(p => p.Key));
        Assert.Equal($"file:{_temp.File("demo")}/data", result.StoreUri);
        Assert.True(Directory.Exists(_temp.File("demo/data")));
        Assert.Equal("inframind_demo", result.Database);
        Assert.Equal(["prepare", "seed", "summary", "validate-demo", "plan", "report"], result.Steps.Select(s => s.Name));
        Assert.Contains("exactly the", result.Steps.Single(s => s.Name == "validate-demo").Outcome);

        // One plan run, journaled in the production database, a record per step (no migrate: Ferry.Core has no JavaScript host).
        var plan = result.Plan!;
        Assert.Equal(RunStatus.Completed, plan.Status);
        Assert.True(result.Succeeded);
        Assert.Equal(["backup-prod", "transform", "validate-prod", "repair", "validate-prod-after-repair"], plan.Steps.Select(s => s["name"].AsString));
        Assert.All(plan.Steps, s => Assert.Equal("completed", s["status"].AsString));
        Assert.EndsWith("(report only)", plan.Steps.Single(s => s["name"] == "validate-prod")["summary"].AsString, StringComparison.Ordinal);
        Assert.StartsWith("inframind_prod: all rules hold", plan.Steps.Single(s => s["name"] == "validate-prod-after-repair")["summary"].AsString, StringComparison.Ordinal);
        var store = await _provider.OpenAsync(result.StoreUri);
        await using (store)
        {
            var run = await new RunJournal(store.GetDatabase("inframind_prod"), FixedClock.Default).GetAsync(plan.RunId);
            Assert.Equal(("plan", RunStatus.Completed), (run!["kind"].AsString, run["status"].AsString));
            var transform = await new RunJournal(store.GetDatabase("inframind_prod"), FixedClock.Default).GetAsync(plan.Steps.Single(s => s["name"] == "transform")["child_run_id"].AsString);
            Assert.Equal(plan.RunId, transform!["parent_run_id"].AsString);
        }

        var planted = await GenerationSummary.ReadAsync(options.PlantedFile);
        Assert.Equal(expected.Defects, planted.Defects);
        Assert.Equal(options.PlantedFile, result.Locations["planted defects"]);
        Assert.StartsWith("<!DOCTYPE html>", await File.ReadAllTextAsync(result.Locations["report"]), StringComparison.Ordinal);

        // 200 users in batches of 64: 0, 64, 128, 192, 200.
        Assert.Equal([0L, 64, 128, 192, 200], reports.Where(r => r.Step == "seed" && r.Collection == "users").Select(r => r.Done));
    }

    [Fact]
    public async Task Running_twice_starts_over_after_saying_so()
    {
        await RunAsync(Options());
        var reports = new List<DemoProgress>();

        var second = await RunAsync(Options(size: 150), reports);

        Assert.Contains(reports, r => r.Message.StartsWith("dropping the existing demo database inframind_demo", StringComparison.Ordinal));
        Assert.Equal(150, second.StoreCounts["users"]);
        Assert.Equal(150, (await GenerationSummary.ReadAsync(Options().PlantedFile)).Size);
    }

    [Fact]
    public async Task Keep_reuses_the_existing_database_and_its_planted_json()
    {
        var first = await RunAsync(Options());

        var kept = await RunAsync(Options(keep: true, size: 999));

        Assert.True(kept.Kept);
        Assert.Equal(first.Summary.Defects, kept.Summary.Defects);
        Assert.Equal(200, kept.StoreCounts["users"]);
    }

    [Fact]
    public async Task Keep_without_planted_json_is_bad_input()
    {
        var options = Options();
        await RunAsync(options);
        File.Delete(options.PlantedFile);

        var error = await Assert.ThrowsAsync<UserInputException>(() => RunAsync(Options(keep: true)));

        Assert.Contains("planted.json is missing", error.Message);
    }

    [Fact]
    public async Task Fail_at_transform_rolls_the_plan_run_back_to_the_empty_production_database_and_still_writes_the_report()
    {
        var options = Options() with { FailAt = "transform" };

        var result = await RunAsync(options);

        var plan = result.Plan!;
        Assert.False(result.Succeeded);
        Assert.Equal(RunStatus.RolledBack, plan.Status);
        Assert.StartsWith("step transform failed: error rate", plan.Reason, StringComparison.Ordinal);
        Assert.Equal(["completed", "failed", "pending", "pending", "pending"], plan.Steps.Select(s => s["status"].AsString));
        Assert.StartsWith("<!DOCTYPE html>", await File.ReadAllTextAsync(result.Locations["report"]), StringComparison.Ordinal);
        var store = await _provider.OpenAsync(result.StoreUri);
        await using (store)
        {
            // Before the plan the production database did not exist: every collection the transform wrote is gone again.
            var prod = store.GetDatabase("inframind_prod");
            Assert.DoesNotContain((await prod.ListCollectionsAsync()).Select(c => c.Name), c => !c.StartsWith("_ferry_", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Fail_at_an_unknown_step_is_bad_input_naming_the_steps()
    {
        var error = await Assert.ThrowsAsync<UserInputException>(() => RunAsync(Options() with { FailAt = "nope" }));

        Assert.Equal("--fail-at nope: expected one of the demo plan's steps: backup-prod, transform, validate-prod, repair, validate-prod-after-repair", error.Message);
        Assert.False(Directory.Exists(_temp.File("demo")));
    }

    private sealed class ListProgress(List<DemoProgress> reports) : IProgress<DemoProgress>
    {
        public void Report(DemoProgress value) => reports.Add(value);
    }
}

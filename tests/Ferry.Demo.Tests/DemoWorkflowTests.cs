using Ferry.Core.Errors;
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
        Assert.Equal(["prepare", "seed", "summary", "validate-demo", "transform", "validate-prod", "repair", "validate-prod-after-repair", "report"], result.Steps.Select(s => s.Name));
        Assert.Contains("exactly the", result.Steps.Single(s => s.Name == "validate-demo").Outcome);
        Assert.StartsWith("inframind_prod: all rules hold", result.Steps.Single(s => s.Name == "validate-prod-after-repair").Outcome);
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

    private sealed class ListProgress(List<DemoProgress> reports) : IProgress<DemoProgress>
    {
        public void Report(DemoProgress value) => reports.Add(value);
    }
}

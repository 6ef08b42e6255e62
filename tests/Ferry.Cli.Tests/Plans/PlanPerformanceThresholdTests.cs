using Ferry.Core.Runs;
using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Cli.Tests.Plans;

/// <summary>The performance-degradation threshold: a transform's throughput against the plan's expected rate, and the probes' median latency before vs after.</summary>
public class PlanPerformanceThresholdTests
{
    private const string Prod = "prod";

    [Fact]
    public async Task A_transform_far_below_the_expected_rate_is_rolled_back_with_the_throughput_as_the_reason()
    {
        using var fixture = await PlanFixture.SeedAsync();
        await PlanRunTests.SeedLegacyAsync(fixture);
        var before = await fixture.ExportAsync(Prod);
        var plan = fixture.WritePlan("plan.yaml", $$"""
            store: { db: {{Prod}} }
            thresholds: { expected_rate: 1000000000, performance_degradation: 0.2 }
            steps:
              - { name: backup, backup: {} }
              - { name: transform, transform: { rules: demo-to-prod.yaml, source_db: inframind_demo } }
            """);

        var (exit, stdout, stderr) = await CliHarness.RunSplitAsync("run", plan, "--uri", fixture.Uri, "--json");

        Assert.True(exit == 1, stdout + stderr);
        var result = BsonDocument.Parse(stdout);
        Assert.Equal(RunStatus.RolledBack, result["status"].AsString);
        Assert.Matches(@"^throughput \d+ docs/s is more than 20 % below the expected 1000000000 docs/s$", result["thresholdCrossed"].AsString);
        Assert.StartsWith("step transform: throughput ", result["reason"].AsString);
        Assert.Equal(before, await fixture.ExportAsync(Prod));
    }

    [Fact]
    public async Task A_probe_made_slower_by_a_migration_dropping_its_index_rolls_the_run_back_and_the_index_returns()
    {
        using var fixture = await PlanFixture.SeedAsync(size: 5);
        await using (var store = await fixture.OpenAsync())
        {
            var events = store.GetDatabase(Prod).GetCollection("events");
            for (var batch = 0; batch < 20; batch++)
            {
                await events.BulkWriteAsync([.. Enumerable.Range(batch * 1000, 1000).Select(i => new InsertRequest(new BsonDocument { { "_id", i }, { "n", i }, { "payload", new string('x', 200) } }))]);
            }

            await events.CreateIndexesAsync([new BsonDocument { { "key", new BsonDocument("n", 1) }, { "name", "n_1" } }]);
        }

        var before = await fixture.ExportAsync(Prod);
        Directory.CreateDirectory(fixture.PathOf("slow"));
        File.WriteAllText(fixture.PathOf("slow/001_drop_the_index.js"), """
            module.exports = {
              description: "drops the index the probe relies on",
              async up(db) { await db.events.dropIndex("n_1"); },
              async down(db) {},
            };
            """);
        var plan = fixture.WritePlan("plan.yaml", $$"""
            store: { db: {{Prod}} }
            thresholds: { performance_degradation: 0.2, latency_floor_ms: 2 }
            probes:
              - { name: event-by-n, collection: events, filter: { n: 12345 }, runs: 5 }
            steps:
              - { name: backup, backup: {} }
              - { name: migrate, migrate: { migrations: slow } }
            """);

        var (exit, stdout, stderr) = await CliHarness.RunSplitAsync("run", plan, "--uri", fixture.Uri, "--json");

        Assert.True(exit == 1, stdout + stderr);
        var result = BsonDocument.Parse(stdout);
        Assert.Equal(RunStatus.RolledBack, result["status"].AsString);
        Assert.Matches(@"^probe 'event-by-n' median latency [\d.]+ ms is more than 20 % above its baseline [\d.]+ ms$", result["thresholdCrossed"].AsString);
        Assert.True(result["rollback"]["verified"].AsBoolean);
        Assert.Equal(before, await fixture.ExportAsync(Prod));
        await using var after = await fixture.OpenAsync();
        Assert.Contains(await after.GetDatabase(Prod).GetCollection("events").ListIndexesAsync(), i => i["name"] == "n_1");
    }
}

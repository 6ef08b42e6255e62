using MongoDB.Bson;

namespace Ferry.Cli.Tests;

/// <summary><c>ferry troubleshoot …</c>: exit 0 when nothing needs attention, 1 when a finding does, 2 on bad input; --json.</summary>
public class TroubleshootCommandTests
{
    [Fact]
    public async Task Performance_exits_0_on_a_clean_database_and_1_once_a_probe_scans()
    {
        using var cli = new CliHarness();
        await cli.SeedAsync("app", "users", new BsonDocument { { "_id", 1 }, { "email", "a@x" } });
        var probes = cli.PathOf("probes.yaml");
        await File.WriteAllTextAsync(probes, "probes:\n  - { name: login, collection: users, filter: { email: \"a@x\" } }\n");

        var (clean, cleanOut) = await CliHarness.RunAsync("troubleshoot", "performance", "--uri", cli.StoreUri, "--db", "app", "--json");
        var (scan, scanOut) = await CliHarness.RunAsync("troubleshoot", "performance", "--uri", cli.StoreUri, "--db", "app", "--probes", probes, "--json");

        Assert.True(clean == 0, cleanOut);
        Assert.False(BsonDocument.Parse(cleanOut)["needs_attention"].AsBoolean);
        Assert.True(scan == 1, scanOut);
        var finding = Assert.Single(BsonDocument.Parse(scanOut)["findings"].AsBsonArray);
        Assert.Equal("collection_scan", finding["kind"].AsString);
    }

    [Fact]
    public async Task Memory_exits_0_with_its_facts_and_a_batch_size()
    {
        using var cli = new CliHarness();
        await cli.SeedAsync("app", "users", new BsonDocument { { "_id", 1 }, { "email", "a@x" } });

        var (exit, output) = await CliHarness.RunAsync("troubleshoot", "memory", "--uri", cli.StoreUri, "--db", "app", "--json");

        Assert.True(exit == 0, output);
        var report = BsonDocument.Parse(output);
        Assert.Equal("app.users", report["facts"]["largest_collections"][0]["namespace"].AsString);
        Assert.StartsWith("--batch-size ", report["recommendations"][0].AsString);
    }

    [Fact]
    public async Task Integrity_without_rules_and_performance_with_a_bad_probe_file_exit_2()
    {
        using var cli = new CliHarness();
        var probes = cli.PathOf("probes.yaml");
        await File.WriteAllTextAsync(probes, "probes:\n  - { filter: { a: 1 } }\n");

        var (noRules, _, noRulesErr) = await CliHarness.RunSplitAsync("troubleshoot", "integrity", "--uri", cli.StoreUri, "--db", "app");
        var (badProbe, _, badProbeErr) = await CliHarness.RunSplitAsync("troubleshoot", "performance", "--uri", cli.StoreUri, "--db", "app", "--probes", probes);

        Assert.Equal(2, noRules);
        Assert.Contains("--rules: a rules file is required", noRulesErr);
        Assert.Equal(2, badProbe);
        Assert.Contains("probes.yaml:2:5: 'collection' is required", badProbeErr);
    }
}

using MongoDB.Bson;

namespace Ferry.Cli.Tests;

/// <summary><c>ferry indexes …</c>: exit codes 0/1/2 and --json on a small embedded store.</summary>
public class IndexesCommandTests
{
    private const string Declared = "indexes:\n  orders:\n    - { name: status_1, key: { status: 1 } }\n    - { key: { customer: 1, at: -1 }, background: true }\n";

    private static async Task<string> SeedAsync(CliHarness cli, string declarations = Declared)
    {
        await cli.SeedAsync("app", "orders", [.. Enumerable.Range(0, 20).Select(i => new BsonDocument { { "_id", i }, { "status", i % 2 == 0 ? "open" : "paid" }, { "customer", i % 5 }, { "at", i } })]);
        var file = cli.PathOf("indexes.yaml");
        await File.WriteAllTextAsync(file, declarations);
        return file;
    }

    [Fact]
    public async Task Apply_creates_then_reports_nothing_to_do_and_list_shows_sizes()
    {
        using var cli = new CliHarness();
        var file = await SeedAsync(cli);

        var (first, firstOut) = await CliHarness.RunAsync("indexes", "apply", file, "--uri", cli.StoreUri, "--db", "app", "--json");
        var (second, secondOut) = await CliHarness.RunAsync("indexes", "apply", file, "--uri", cli.StoreUri, "--db", "app", "--json");
        var (listed, listOut) = await CliHarness.RunAsync("indexes", "list", "--uri", cli.StoreUri, "--db", "app", "--json");

        Assert.True(first == 0, firstOut);
        Assert.Equal(2, BsonDocument.Parse(firstOut)["created"].AsInt32);
        Assert.True(second == 0, secondOut);
        Assert.Equal((0, 2), (BsonDocument.Parse(secondOut)["created"].AsInt32, BsonDocument.Parse(secondOut)["unchanged"].AsInt32));
        Assert.True(listed == 0, listOut);
        var indexes = BsonDocument.Parse(listOut)["indexes"].AsBsonArray;
        Assert.Equal(["_id_", "status_1", "customer_1_at_-1"], indexes.Select(i => i["name"].AsString));
        Assert.All(indexes, i => Assert.True(i["size_bytes"].ToInt64() > 0));
    }

    [Fact]
    public async Task Apply_exits_2_naming_a_same_named_index_with_another_definition()
    {
        using var cli = new CliHarness();
        var file = await SeedAsync(cli);
        await CliHarness.RunAsync("indexes", "apply", file, "--uri", cli.StoreUri, "--db", "app");
        await File.WriteAllTextAsync(file, "indexes:\n  orders:\n    - { name: status_1, key: { status: -1 } }\n");

        var (exit, stdout, stderr) = await CliHarness.RunSplitAsync("indexes", "apply", file, "--uri", cli.StoreUri, "--db", "app");

        Assert.Equal(2, exit);
        Assert.Contains("index 'status_1' on orders: an index of that name exists with another definition", stderr);
        Assert.Equal(string.Empty, stdout.Trim());
    }

    [Fact]
    public async Task Apply_exits_2_on_a_declaration_without_a_key_naming_its_line()
    {
        using var cli = new CliHarness();
        var file = await SeedAsync(cli, "indexes:\n  orders:\n    - { name: broken }\n");

        var (exit, _, stderr) = await CliHarness.RunSplitAsync("indexes", "apply", file, "--uri", cli.StoreUri, "--db", "app");

        Assert.Equal(2, exit);
        Assert.Contains("indexes.yaml:3:7: 'key' is required", stderr);
        Assert.Equal(["_id_"], await ListNamesAsync(cli));
    }

    [Fact]
    public async Task Drop_without_confirm_exits_1_and_drops_nothing_then_confirm_drops_and_recreate_restores()
    {
        using var cli = new CliHarness();
        var file = await SeedAsync(cli);
        await CliHarness.RunAsync("indexes", "apply", file, "--uri", cli.StoreUri, "--db", "app");

        var (preview, previewOut) = await CliHarness.RunAsync("indexes", "drop", "status_1", "--uri", cli.StoreUri, "--db", "app", "--json");
        var afterPreview = await ListNamesAsync(cli);
        var (drop, dropOut) = await CliHarness.RunAsync("indexes", "drop", "status_1", "--uri", cli.StoreUri, "--db", "app", "--confirm");
        var afterDrop = await ListNamesAsync(cli);
        var (recreate, recreateOut) = await CliHarness.RunAsync("indexes", "apply", "--recreate", "status_1", "--uri", cli.StoreUri, "--db", "app");

        Assert.True(preview == 1, previewOut);
        Assert.False(BsonDocument.Parse(previewOut)["dropped"].AsBoolean);
        Assert.Equal(["_id_", "status_1", "customer_1_at_-1"], afterPreview);
        Assert.True(drop == 0, dropOut);
        Assert.Equal(["_id_", "customer_1_at_-1"], afterDrop);
        Assert.True(recreate == 0, recreateOut);
        Assert.Equal(["_id_", "customer_1_at_-1", "status_1"], await ListNamesAsync(cli));
    }

    [Fact]
    public async Task Unused_exits_1_listing_indexes_no_query_used_and_optimize_reports_sizes()
    {
        using var cli = new CliHarness();
        var file = await SeedAsync(cli);
        await CliHarness.RunAsync("indexes", "apply", file, "--uri", cli.StoreUri, "--db", "app");
        await CliHarness.RunAsync("eval", "--uri", cli.StoreUri, "--db", "app", "--eval", "db.orders.find({status: 'open'}).toArray().length");

        var (unused, unusedOut) = await CliHarness.RunAsync("indexes", "unused", "--uri", cli.StoreUri, "--db", "app", "--json");
        var (badDate, _, badDateErr) = await CliHarness.RunSplitAsync("indexes", "unused", "--uri", cli.StoreUri, "--db", "app", "--since", "last week");
        var (optimize, optimizeOut) = await CliHarness.RunAsync("indexes", "optimize", "--uri", cli.StoreUri, "--db", "app", "--json");

        Assert.True(unused == 1, unusedOut);
        Assert.Equal(["customer_1_at_-1"], BsonDocument.Parse(unusedOut)["indexes"].AsBsonArray.Select(i => i["name"].AsString));
        Assert.Equal(2, badDate);
        Assert.Contains("--since: expected a date like 2026-05-01", badDateErr);
        Assert.True(optimize == 0, optimizeOut);
        Assert.Equal(["REINDEX", "ANALYZE", "VACUUM"], BsonDocument.Parse(optimizeOut)["steps"].AsBsonArray.Select(s => s.AsString));
    }

    private static async Task<List<string>> ListNamesAsync(CliHarness cli)
    {
        var (_, output) = await CliHarness.RunAsync("indexes", "list", "--uri", cli.StoreUri, "--db", "app", "--json");
        return BsonDocument.Parse(output)["indexes"].AsBsonArray.Select(i => i["name"].AsString).ToList();
    }
}

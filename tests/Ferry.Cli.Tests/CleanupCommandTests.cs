using MongoDB.Bson;

namespace Ferry.Cli.Tests;

/// <summary><c>ferry cleanup</c>: the listing (--dry-run 0, no --confirm 1), bad options 2, --confirm removing after a backup.</summary>
public class CleanupCommandTests
{
    [Fact]
    public async Task Dry_run_lists_and_exits_0_without_confirm_exits_1_and_neither_removes_anything()
    {
        using var cli = new CliHarness();
        await cli.SeedAsync("app", "_ferry_tmp_plan", new BsonDocument("_id", 1), new BsonDocument("_id", 2));
        var backups = cli.PathOf("backups");

        var (dry, dryOut) = await CliHarness.RunAsync("cleanup", "--uri", cli.StoreUri, "--db", "app", "--backup-root", backups, "--dry-run", "--json");
        var (unconfirmed, unconfirmedOut) = await CliHarness.RunAsync("cleanup", "--uri", cli.StoreUri, "--db", "app", "--backup-root", backups);

        Assert.True(dry == 0, dryOut);
        var item = Assert.Single(BsonDocument.Parse(dryOut)["items"].AsBsonArray);
        Assert.Equal(new BsonDocument { { "kind", "temporary_collection" }, { "target", "app._ferry_tmp_plan" }, { "count", 2L }, { "holds_user_data", true }, { "action", "remove" } }, item);
        Assert.True(unconfirmed == 1, unconfirmedOut);
        Assert.Contains("pass --confirm to remove them", unconfirmedOut);
        Assert.Equal(2, await cli.CountAsync("app", "_ferry_tmp_plan"));
        Assert.False(Directory.Exists(backups));
    }

    [Fact]
    public async Task Confirm_backs_up_the_temporary_collection_then_removes_it()
    {
        using var cli = new CliHarness();
        await cli.SeedAsync("app", "_ferry_tmp_plan", new BsonDocument("_id", 1));
        var backups = cli.PathOf("backups");

        var (exit, output) = await CliHarness.RunAsync("cleanup", "--uri", cli.StoreUri, "--db", "app", "--backup-root", backups, "--confirm", "--json");

        Assert.True(exit == 0, output);
        var result = BsonDocument.Parse(output);
        var tag = Assert.Single(result["safety_backups"].AsBsonArray).AsString;
        Assert.True(File.Exists(Path.Combine(backups, tag, "ferry-manifest.json")));
        Assert.Equal(0, await cli.CountAsync("app", "_ferry_tmp_plan"));
    }

    [Theory]
    [InlineData("--older-than", "soon", "--older-than: expected an age like 30d")]
    [InlineData("--demo", null, "--demo: needs --rules FILE")]
    [InlineData("--backups-keep", "-1", "--backups-keep")]
    public async Task Bad_options_exit_2_with_one_line_naming_the_option(string option, string? value, string expected)
    {
        using var cli = new CliHarness();
        string[] args = ["cleanup", "--uri", cli.StoreUri, "--db", "app", option, .. value is null ? Array.Empty<string>() : [value]];

        var (exit, _, stderr) = await CliHarness.RunSplitAsync(args);

        Assert.Equal(2, exit);
        Assert.Contains(expected, stderr);
    }
}

using MongoDB.Bson;

namespace Ferry.Cli.Tests;

/// <summary><c>ferry emergency recover</c> and the exit codes of both emergency procedures.</summary>
public class EmergencyCommandTests
{
    [Fact]
    public async Task Recover_restores_the_last_good_non_emergency_backup_verifies_it_and_runs_the_recover_and_smoke_hooks()
    {
        using var cli = new CliHarness();
        var backups = cli.PathOf("backups");
        await cli.SeedAsync("app", "items", [.. Enumerable.Range(0, 5).Select(i => new BsonDocument { { "_id", i }, { "n", i } })]);
        var (exit, output) = await CliHarness.RunAsync("backup", "create", "--uri", cli.StoreUri, "--db", "app", "--tag", "good", "--out", backups);
        Assert.True(exit == 0, output);
        await cli.SeedAsync("app", "items", [.. Enumerable.Range(100, 3).Select(i => new BsonDocument { { "_id", i }, { "bad", true } })]);
        (exit, output) = await CliHarness.RunAsync("backup", "create", "--uri", cli.StoreUri, "--db", "app", "--tag", "later", "--emergency", "--out", backups);
        Assert.True(exit == 0, output);
        await File.WriteAllTextAsync(cli.PathOf("ferry.yaml"), """
            emergency:
              recover:
                - name: restart-limited
                  run: echo recovered > recover-hook-ran
              smoke:
                - argv: [sh, -c, "test -f recover-hook-ran && echo smoke > smoke-ran"]
            """);

        (exit, output) = await FerryProcess.RunAsync(cli.Folder, null, "emergency", "recover", "--uri", cli.StoreUri, "--db", "app", "--out", backups, "--json");

        Assert.True(exit == 0, output);
        var json = BsonDocument.Parse(output);
        Assert.Equal("good", json["backupTag"].AsString);
        Assert.True(json["verified"].AsBoolean);
        Assert.Equal("ok", json["health"].AsString);
        Assert.Equal(["restart-limited"], json["hooks"].AsBsonArray.Select(h => h["name"].AsString));
        Assert.Single(json["smoke"].AsBsonArray);
        Assert.True(File.Exists(cli.PathOf("smoke-ran")));
        Assert.Equal(5, await cli.CountAsync("app", "items"));
        (exit, output) = await CliHarness.RunAsync("runs", "show", json["runId"].AsString, "--uri", cli.StoreUri, "--db", "app", "--json");
        Assert.True(exit == 0, output);
        var run = BsonDocument.Parse(output);
        Assert.Equal("emergency", run["kind"].AsString);
        Assert.Equal("completed", run["status"].AsString);
        Assert.Equal("good", run["backup_tag"].AsString);
    }

    [Fact]
    public async Task Recover_moves_collections_created_after_the_backup_aside_whole_and_reports_them()
    {
        using var cli = new CliHarness();
        var backups = cli.PathOf("backups");
        await cli.SeedAsync("app", "items", [.. Enumerable.Range(0, 5).Select(i => new BsonDocument { { "_id", i }, { "n", i } })]);
        var (exit, output) = await CliHarness.RunAsync("backup", "create", "--uri", cli.StoreUri, "--db", "app", "--tag", "good", "--out", backups);
        Assert.True(exit == 0, output);
        await cli.SeedAsync("app", "sessions", [.. Enumerable.Range(0, 3).Select(i => new BsonDocument { { "_id", i }, { "from", "the bad deployment" } })]);

        (exit, output) = await FerryProcess.RunAsync(cli.Folder, new Dictionary<string, string> { ["FERRY_CLOCK"] = "2026-06-01T12:00:00Z" }, "emergency", "recover", "--uri", cli.StoreUri, "--db", "app", "--out", backups, "--json");

        Assert.True(exit == 0, output);
        var moved = Assert.Single(BsonDocument.Parse(output)["quarantinedCollections"].AsBsonArray).AsBsonDocument;
        Assert.Equal(new BsonDocument { { "database", "app" }, { "collection", "sessions" }, { "movedTo", "_ferry_recovered_20260601_120000_sessions" }, { "documents", 3L } }, moved);
        Assert.Equal(0, await cli.CountAsync("app", "sessions"));
        Assert.Equal(3, await cli.CountAsync("app", "_ferry_recovered_20260601_120000_sessions"));
        Assert.Equal(5, await cli.CountAsync("app", "items"));

        (exit, output) = await FerryProcess.RunAsync(cli.Folder, null, "emergency", "recover", "--uri", cli.StoreUri, "--db", "app", "--out", backups);
        Assert.True(exit == 0, output);
        Assert.DoesNotContain("moved aside", output);
    }

    [Fact]
    public async Task Recover_without_a_good_backup_exits_1_in_one_line_and_a_bad_timeout_is_exit_2()
    {
        using var cli = new CliHarness();
        await cli.SeedAsync("app", "items", new BsonDocument("_id", 1));

        var (exit, stdout, stderr) = await CliHarness.RunSplitAsync("emergency", "recover", "--uri", cli.StoreUri, "--db", "app", "--out", cli.PathOf("none"));

        Assert.Equal(1, exit);
        Assert.StartsWith("error: emergency recover: no backup of app in ", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains("health: not checked", stdout, StringComparison.Ordinal);

        (exit, _, stderr) = await CliHarness.RunSplitAsync("emergency", "stop", "--uri", cli.StoreUri, "--db", "app", "--timeout", "soon");
        Assert.Equal(2, exit);
        Assert.StartsWith("error: --timeout soon: expected a whole number (SECONDS)", stderr, StringComparison.Ordinal);
    }
}

using Ferry.Cli.Infrastructure;
using Ferry.Core.Runs;
using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Cli.Tests;

/// <summary>
/// <c>ferry runs list|show|stop</c>: exit 0 with the journal's redacted view in --json (never the salt key, never a
/// password), exit 2 for a run that does not exist. These verbs only read or flag a run, so none exits 1.
/// </summary>
public class RunsCommandTests
{
    private static readonly byte[] Salt = [.. Enumerable.Range(0, 32).Select(i => (byte)(200 - i))];

    private static async Task StartRunAsync(CliHarness cli, string runId)
    {
        await using var store = await new StoreRegistry(StoreProviders.All()).OpenAsync(cli.StoreUri);
        await new RunJournal(store.GetDatabase("prod")).StartAsync(runId, "transform", new BsonDocument
        {
            { "source", "mongodb://admin:hunter2@db.example/app" },
            { "hash_salt_key", new BsonBinaryData(Salt) },
        });
    }

    private static void AssertNoSecret(string output)
    {
        Assert.DoesNotContain(Convert.ToBase64String(Salt), output);
        Assert.DoesNotContain(Convert.ToHexString(Salt), output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("hunter2", output);
    }

    [Fact]
    public async Task List_json_exits_0_with_every_run_and_no_secret()
    {
        using var cli = new CliHarness();
        await StartRunAsync(cli, "transform-a");
        await StartRunAsync(cli, "transform-b");

        var (exit, output) = await CliHarness.RunAsync("runs", "list", "--uri", cli.StoreUri, "--db", "prod", "--json");

        Assert.True(exit == 0, output);
        var runs = BsonDocument.Parse(output)["runs"].AsBsonArray;
        Assert.Equal(["transform-a", "transform-b"], runs.Select(r => r["id"].AsString));
        Assert.All(runs, r => Assert.Equal((RunStatus.Running, "transform"), (r["status"].AsString, r["kind"].AsString)));
        AssertNoSecret(output);
    }

    [Fact]
    public async Task Show_json_exits_0_with_the_salt_masked_and_the_source_uri_redacted()
    {
        using var cli = new CliHarness();
        await StartRunAsync(cli, "transform-a");

        var (exit, output) = await CliHarness.RunAsync("runs", "show", "transform-a", "--uri", cli.StoreUri, "--db", "prod", "--json");
        var (_, table) = await CliHarness.RunAsync("runs", "show", "transform-a", "--uri", cli.StoreUri, "--db", "prod");

        Assert.True(exit == 0, output);
        var run = BsonDocument.Parse(output);
        Assert.Equal("transform-a", run["_id"].AsString);
        Assert.Equal(RunRedaction.Mask, run["spec"]["hash_salt_key"].AsString);
        Assert.Equal("mongodb://admin:***@db.example/app", run["spec"]["source"].AsString);
        AssertNoSecret(output);
        AssertNoSecret(table);
    }

    [Fact]
    public async Task Stop_json_exits_0_and_sets_the_flag_workers_read()
    {
        using var cli = new CliHarness();
        await StartRunAsync(cli, "transform-a");

        var (exit, output) = await CliHarness.RunAsync("runs", "stop", "transform-a", "--uri", cli.StoreUri, "--db", "prod", "--json");

        Assert.True(exit == 0, output);
        Assert.Equal(new BsonDocument { { "run", "transform-a" }, { "stopRequested", true } }, BsonDocument.Parse(output));
        await using var store = await new StoreRegistry(StoreProviders.All()).OpenAsync(cli.StoreUri);
        Assert.True(await new RunJournal(store.GetDatabase("prod")).IsStopRequestedAsync("transform-a"));
    }

    [Theory]
    [InlineData("show")]
    [InlineData("stop")]
    public async Task Show_or_stop_of_an_unknown_run_exits_2_naming_it(string verb)
    {
        using var cli = new CliHarness();
        await StartRunAsync(cli, "transform-a");

        var (exit, output) = await CliHarness.RunAsync("runs", verb, "transform-zzz", "--uri", cli.StoreUri, "--db", "prod", "--json");

        Assert.Equal(2, exit);
        Assert.Contains("transform-zzz", output);
    }
}

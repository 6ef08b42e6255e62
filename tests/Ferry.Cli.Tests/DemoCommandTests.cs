using Ferry.Demo.Generation;
using MongoDB.Bson;

namespace Ferry.Cli.Tests;

public class DemoCommandTests
{
    [Fact]
    public async Task Demo_json_prints_the_summary_with_the_exact_planted_defects_and_writes_planted_json()
    {
        using var cli = new CliHarness();
        var dir = cli.PathOf("demo");

        var (exit, output) = await CliHarness.RunAsync("demo", "--dir", dir, "--size", "150", "--seed", "3", "--json");

        Assert.Equal(0, exit);
        var result = BsonDocument.Parse(output);
        var expected = new InfraMindGenerator(new GeneratorOptions { Size = 150, Seed = 3 }).Summarize();
        Assert.Equal(expected.Defects, PlantedDefects.FromBsonDocument(result["summary"]["defects"].AsBsonDocument));
        Assert.Equal(expected.Documents["reports"], result["store_counts"]["reports"].ToInt64());
        Assert.Equal("inframind_demo", result["database"].AsString);
        Assert.Equal("file:" + Path.Combine(dir, "data"), result["store_uri"].AsString);
        var planted = await GenerationSummary.ReadAsync(Path.Combine(dir, "planted.json"));
        Assert.Equal(expected.Defects, planted.Defects);
    }

    [Fact]
    public async Task Running_demo_twice_starts_over_and_says_so()
    {
        using var cli = new CliHarness();
        var dir = cli.PathOf("demo");
        var (first, firstOutput) = await CliHarness.RunAsync("demo", "--dir", dir, "--size", "120");

        var (second, output) = await CliHarness.RunAsync("demo", "--dir", dir, "--size", "120");

        Assert.Equal((0, 0), (first, second));
        Assert.Contains("creating the demo database inframind_demo", firstOutput);
        Assert.Contains("dropping the existing demo database inframind_demo to start over (pass --keep to keep it)", output);
        Assert.Contains("planted.json", output);
        Assert.Matches(@"users\s*│\s*120\s", output);
    }

    [Fact]
    public async Task Demo_keep_reuses_the_database()
    {
        using var cli = new CliHarness();
        var dir = cli.PathOf("demo");
        await CliHarness.RunAsync("demo", "--dir", dir, "--size", "100");

        var (exit, output) = await CliHarness.RunAsync("demo", "--dir", dir, "--keep", "--json");

        Assert.Equal(0, exit);
        var result = BsonDocument.Parse(output);
        Assert.True(result["kept"].AsBoolean);
        Assert.Equal(100, result["summary"]["size"].ToInt64());
    }

    [Fact]
    public async Task Demo_on_an_interactive_terminal_shows_progress_bars_then_the_messages_and_summary()
    {
        using var cli = new CliHarness();
        var console = Spectre.Console.Testing.TestConsoleExtensions.Interactive(new Spectre.Console.Testing.TestConsole());
        console.Profile.Width = 200;

        var exit = await Ferry.Cli.Infrastructure.FerryApp.Create(console).RunAsync(["demo", "--dir", cli.PathOf("demo"), "--size", "100"]);

        Assert.Equal(0, exit);
        Assert.Contains("agent_metrics", console.Output);
        Assert.Contains("100%", console.Output);
        Assert.Contains("prepare: creating the demo database inframind_demo", console.Output);
        Assert.Contains("Demo complete.", console.Output);
    }

    [Fact]
    public async Task Demo_with_a_size_of_zero_exits_2()
    {
        using var cli = new CliHarness();

        var (exit, output) = await CliHarness.RunAsync("demo", "--dir", cli.PathOf("demo"), "--size", "0");

        Assert.Equal(2, exit);
        Assert.Contains("--size 0: expected a number of users from 1", output);
    }

    [Fact]
    public async Task Demo_identify_and_remove_json_report_the_demo_documents_and_the_backup_taken_first()
    {
        using var cli = new CliHarness();
        var dir = cli.PathOf("demo");
        var (exit, output) = await CliHarness.RunAsync("demo", "--dir", dir, "--size", "100", "--seed", "4", "--json");
        Assert.Equal(0, exit);
        var demoUsers = BsonDocument.Parse(output)["summary"]["defects"]["demo_users"].ToInt64();
        string[] where = ["--uri", "file:" + Path.Combine(dir, "data"), "--db", "inframind_demo", "--rules", Path.Combine(dir, "demo-to-prod.yaml"), "--json"];

        (exit, output) = await CliHarness.RunAsync(["demo", "identify", .. where]);
        Assert.Equal(0, exit);
        var found = BsonDocument.Parse(output)["found"].AsBsonArray.Select(f => f.AsBsonDocument).ToDictionary(f => f["collection"].AsString);
        Assert.Equal(demoUsers, found["users"]["count"].ToInt64());
        Assert.Equal(1, found["configuration"]["count"].ToInt64());
        Assert.Equal(5, found["users"]["sample_ids"].AsBsonArray.Count);

        (exit, output) = await CliHarness.RunAsync(["demo", "remove", .. where, "--confirm", "--backup-root", cli.PathOf("backups")]);
        Assert.Equal(0, exit);
        var removal = BsonDocument.Parse(output);
        var removed = removal["removed"].AsBsonArray.Select(f => f.AsBsonDocument).ToDictionary(f => f["collection"].AsString, f => f["count"].ToInt64());
        Assert.Equal(demoUsers, removed["users"]);
        Assert.Equal(1, removed["configuration"]);
        Assert.StartsWith(cli.PathOf("backups"), removal["backup_folder"].AsString);
        Assert.False(string.IsNullOrEmpty(removal["backup_tag"].AsString));

        (exit, output) = await CliHarness.RunAsync(["demo", "identify", .. where]);
        Assert.Equal(0, exit);
        Assert.All(BsonDocument.Parse(output)["found"].AsBsonArray, f => Assert.Equal(0, f["count"].ToInt64()));
    }
}

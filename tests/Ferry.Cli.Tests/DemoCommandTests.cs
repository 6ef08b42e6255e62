using Ferry.Core.Runs;
using Ferry.Core.Storage;
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

        // The lifecycle is one plan run: its id, each step's status and the child run its verb journaled.
        Assert.True(result["ok"].AsBoolean);
        var plan = result["plan"].AsBsonDocument;
        Assert.StartsWith("plan-", plan["runId"].AsString, StringComparison.Ordinal);
        Assert.Equal("completed", plan["status"].AsString);
        var steps = plan["steps"].AsBsonArray.Select(s => s.AsBsonDocument).ToList();
        Assert.Equal(["backup-prod", "transform", "migrate", "validate-prod", "repair", "validate-prod-after-repair"], steps.Select(s => s["name"].AsString));
        Assert.All(steps, s => Assert.Equal("completed", s["status"].AsString));
        static string Kind(string runId) => runId[..runId.IndexOf('-', StringComparison.Ordinal)];
        Assert.Equal(["backup", "transform", "validate", "doctor", "validate"], steps.Where(s => s["verb"] != "migrate").Select(s => Kind(s["child_run_id"].AsString)));
        Assert.NotEmpty(steps.Single(s => s["verb"] == "migrate")["child_run_id"].AsString); // a migration run's id has no kind prefix
        Assert.StartsWith("demo-prod-before-plan-", steps[0]["backup_tag"].AsString, StringComparison.Ordinal);
        Assert.Equal(["prepare", "seed", "summary", "validate-demo", "plan", "report"], result["steps"].AsBsonArray.Select(s => s["name"].AsString));
    }

    [Fact]
    public async Task Demo_fail_at_transform_rolls_the_plan_run_back_exits_1_and_still_writes_the_report()
    {
        using var cli = new CliHarness();
        var dir = cli.PathOf("demo");

        var (exit, output) = await CliHarness.RunAsync("demo", "--dir", dir, "--size", "120", "--fail-at", "transform", "--json");

        Assert.Equal(1, exit);
        var result = BsonDocument.Parse(output);
        Assert.False(result["ok"].AsBoolean);
        var plan = result["plan"].AsBsonDocument;
        Assert.Equal("rolled_back", plan["status"].AsString);
        // Crossed while the transform runs ("step transform: error rate …") or judged after it ("step transform failed:
        // error rate …"), depending on how fast the machine is; either way the step and the threshold are named.
        Assert.Matches(@"^step transform( failed)?: error rate ", plan["reason"].AsString);
        Assert.Equal(["completed", "failed", "pending", "pending", "pending", "pending"], plan["steps"].AsBsonArray.Select(s => s["status"].AsString));
        Assert.True(plan["rollback"]["verified"].AsBoolean);
        var report = result["locations"]["report"].AsString;
        Assert.StartsWith("<!DOCTYPE html>", await File.ReadAllTextAsync(report), StringComparison.Ordinal);

        // The transform had written production documents before it was stopped; the rollback put the production
        // database back as it was before the plan (a new database: no user collection), per the journal too.
        await using var store = await new StoreRegistry(Infrastructure.StoreProviders.All()).OpenAsync("file:" + Path.Combine(dir, "data"));
        var prod = store.GetDatabase("inframind_prod");
        var transformRun = await new RunJournal(prod, TimeProvider.System).GetAsync(plan["steps"][1]["child_run_id"].AsString);
        Assert.True(transformRun!["collections"].AsBsonDocument.Elements.Sum(c => c.Value.AsBsonDocument.GetValue("written", 0).ToInt64()) > 0);
        Assert.DoesNotContain((await prod.ListCollectionsAsync()).Select(c => c.Name), c => !c.StartsWith("_ferry_", StringComparison.Ordinal));
        Assert.Equal("rolled_back", (await new RunJournal(prod, TimeProvider.System).GetAsync(plan["runId"].AsString))!["status"].AsString);
    }

    [Fact]
    public async Task Demo_fail_at_prints_the_rollback_and_the_report_path()
    {
        using var cli = new CliHarness();
        var dir = cli.PathOf("demo");

        var (exit, output) = await CliHarness.RunAsync("demo", "--dir", dir, "--size", "100", "--fail-at", "repair");

        Assert.Equal(1, exit);
        Assert.Matches(@"repair\s*│\s*completed\s*│\s*doctor-", output);

        // The planted hook step starts no run of its own: its row names none (not the repair's doctor run).
        Assert.Matches(@"planted-failure\s*│\s*failed\s*│\s*│", output);
        Assert.Contains("rolled_back: step planted-failure failed: hook planted-failure failed with exit code 1; rolled back to backup demo-prod-before-plan-", output);
        Assert.Matches(@"Report of the plan run \(open it in a browser\): .*reports[/\\]plan-\S+\.html", output);
    }

    [Fact]
    public async Task Demo_fail_at_an_unknown_step_exits_2_with_one_line_naming_the_steps()
    {
        using var cli = new CliHarness();
        var dir = cli.PathOf("demo");

        var (exit, output) = await CliHarness.RunAsync("demo", "--dir", dir, "--fail-at", "deploy");

        Assert.Equal(2, exit);
        Assert.Equal("error: --fail-at deploy: expected one of the demo plan's steps: backup-prod, transform, migrate, validate-prod, repair, validate-prod-after-repair (see ferry --help)", output.Trim());
        Assert.False(Directory.Exists(dir));
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

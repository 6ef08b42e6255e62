using MongoDB.Bson;

namespace Ferry.Cli.Tests;

/// <summary><c>ferry plan</c>: exit 0 with the plan in --json and a --plan-file; exit 2 on bad input with nothing written.</summary>
public class PlanCommandTests
{
    private static async Task SeedAsync(CliHarness cli)
    {
        await cli.SeedAsync("app", "users", Enumerable.Range(1, 300).Select(i => new BsonDocument { { "_id", i }, { "email", $"u{i}@x.io" } }).ToArray());
        await cli.SeedAsync("app", "orders", Enumerable.Range(1, 600).Select(i => new BsonDocument { { "_id", 1000 + i }, { "user_id", 1 + (i % 300) } }).ToArray());
    }

    [Fact]
    public async Task A_plan_from_an_analysis_file_prints_its_steps_and_writes_a_run_file()
    {
        using var cli = new CliHarness();
        await SeedAsync(cli);
        var analysis = cli.PathOf("analysis.json");
        var planFile = cli.PathOf("plan.yaml");
        Assert.Equal(0, (await CliHarness.RunAsync("analyze", "--uri", cli.StoreUri, "--db", "app", "--out", analysis)).Exit);

        var (exit, stdout, stderr) = await CliHarness.RunSplitAsync("plan", "--analysis", analysis, "--type", "schema", "--sample-size", "200", "--plan-file", planFile, "--json");

        Assert.True(exit == 0, stderr);
        var plan = BsonDocument.Parse(stdout);
        Assert.Equal(new BsonArray { "backup", "health", "migrate", "validate", "smoke", "report" }, new BsonArray(plan["steps"].AsBsonArray.Select(s => s["name"])));
        Assert.Equal(new BsonArray { "users", "orders" }, plan["dependencyOrder"]);
        Assert.Equal(900, plan["documents"].ToInt64());
        Assert.Equal("brief", plan["window"]["applicationStop"].AsString);
        var yaml = await File.ReadAllTextAsync(planFile);
        Assert.Contains("store:\n  db: app\n  uri: " + cli.StoreUri, yaml, StringComparison.Ordinal);
        Assert.Contains("- name: migrate\n  migrate: {}\n", yaml, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--type", "big-bang", "--type big-bang: expected one of demo-to-prod, schema, format, upgrade")]
    [InlineData("--analysis", "missing.json", "--analysis missing.json: cannot read the file")]
    [InlineData("--rules", "missing.yaml", "--rules missing.yaml: no such file")]
    public async Task Bad_input_exits_2_with_one_line_and_writes_no_plan_file(string option, string value, string message)
    {
        using var cli = new CliHarness();
        await SeedAsync(cli);
        var planFile = cli.PathOf("plan.yaml");
        var args = new List<string> { "plan", "--uri", cli.StoreUri, "--db", "app", "--plan-file", planFile };
        if (option != "--type")
        {
            args.AddRange(["--type", "format"]);
        }

        args.AddRange([option, value]);
        var (exit, _, stderr) = await CliHarness.RunSplitAsync([.. args]);

        Assert.Equal(2, exit);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(planFile));
    }
}

using MongoDB.Bson;

namespace Ferry.Cli.Tests;

/// <summary><c>ferry validate</c>: exit 0 on clean data, 1 when a rule fails (with exact counts in --json), 2 on bad input.</summary>
public class ValidateCommandTests
{
    internal const string Rules = """
        version: 1
        collections:
          users:
            fields:
              email:
                required: true
            unique:
              - email
          assessments:
            references:
              - { field: user_id, to: users._id }
        """;

    /// <summary>Three users (two share an e-mail, one has none) and two assessments (one refers to no user).</summary>
    internal static async Task SeedDefectsAsync(CliHarness cli)
    {
        await cli.SeedAsync("app", "users",
            new BsonDocument { { "_id", 1 }, { "email", "a@x.io" } },
            new BsonDocument { { "_id", 2 }, { "email", "a@x.io" } },
            new BsonDocument { { "_id", 3 } });
        await cli.SeedAsync("app", "assessments",
            new BsonDocument { { "_id", 10 }, { "user_id", 1 } },
            new BsonDocument { { "_id", 11 }, { "user_id", 99 } });
    }

    [Fact]
    public async Task Clean_data_exits_0_and_the_json_says_passed_with_every_document_valid()
    {
        using var cli = new CliHarness();
        await cli.SeedAsync("app", "users", new BsonDocument { { "_id", 1 }, { "email", "a@x.io" } }, new BsonDocument { { "_id", 2 }, { "email", "b@x.io" } });
        await cli.SeedAsync("app", "assessments", new BsonDocument { { "_id", 10 }, { "user_id", 2 } });
        var rules = cli.PathOf("rules.yaml");
        await File.WriteAllTextAsync(rules, Rules);

        var (exit, output) = await CliHarness.RunAsync("validate", "--uri", cli.StoreUri, "--db", "app", "--rules", rules, "--json");

        Assert.True(exit == 0, output);
        var report = BsonDocument.Parse(output);
        Assert.True(report["passed"].AsBoolean);
        Assert.Equal(new BsonDocument { { "checked", 3L }, { "valid", 3L }, { "invalid", 0L }, { "failedRules", 0L } }, Totals(report));
    }

    [Fact]
    public async Task Planted_defects_exit_1_and_the_json_counts_each_failed_rule()
    {
        using var cli = new CliHarness();
        await SeedDefectsAsync(cli);
        var rules = cli.PathOf("rules.yaml");
        await File.WriteAllTextAsync(rules, Rules);

        var (exit, output) = await CliHarness.RunAsync("validate", "--uri", cli.StoreUri, "--db", "app", "--rules", rules, "--json");

        Assert.True(exit == 1, output);
        var report = BsonDocument.Parse(output);
        Assert.False(report["passed"].AsBoolean);
        Assert.Equal("app", report["database"].AsString);
        var failed = report["collections"].AsBsonArray
            .SelectMany(c => c["rules"].AsBsonArray.Select(r => (Collection: c["name"].AsString, Kind: r["kind"].AsString, Failed: r["failed"].ToInt64())))
            .Where(r => r.Failed > 0)
            .OrderBy(r => r.Collection, StringComparer.Ordinal).ThenBy(r => r.Kind, StringComparer.Ordinal)
            .ToList();
        Assert.Equal([("assessments", "reference", 1L), ("users", "required", 1L), ("users", "unique", 1L)], failed);
        Assert.Equal(3, report["totals"]["failedRules"].ToInt64());
    }

    [Fact]
    public async Task A_missing_rules_option_or_file_exits_2_with_one_line_naming_it()
    {
        using var cli = new CliHarness();
        await SeedDefectsAsync(cli);

        var (noOption, noOptionOutput) = await CliHarness.RunAsync("validate", "--uri", cli.StoreUri, "--db", "app");
        var (noFile, noFileOutput) = await CliHarness.RunAsync("validate", "--uri", cli.StoreUri, "--db", "app", "--rules", cli.PathOf("missing.yaml"), "--json");

        Assert.Equal((2, 2), (noOption, noFile));
        Assert.Contains("--rules: a rules file is required", noOptionOutput);
        Assert.Contains("missing.yaml", noFileOutput);
        Assert.DoesNotContain("   at ", noOptionOutput + noFileOutput);
    }

    [Fact]
    public async Task A_validation_is_a_run_whose_report_counts_each_rules_failures_and_no_journal_writes_none()
    {
        using var cli = new CliHarness();
        await SeedDefectsAsync(cli);
        var rules = cli.PathOf("rules.yaml");
        await File.WriteAllTextAsync(rules, Rules);

        var (exit, output) = await CliHarness.RunAsync("validate", "--uri", cli.StoreUri, "--db", "app", "--rules", rules, "--json");
        Assert.True(exit == 1, output);
        var runId = BsonDocument.Parse(output)["run_id"].AsString;
        Assert.StartsWith("validate-", runId, StringComparison.Ordinal);

        var (reported, json) = await CliHarness.RunAsync("report", "--last", "--uri", cli.StoreUri, "--db", "app", "--format", "json");
        Assert.True(reported == 1, json); // the report of a failed run exits 1
        var report = BsonDocument.Parse(json);
        Assert.Equal((runId, "validate", "failed"), (report["migration_id"].AsString, report["kind"].AsString, report["status"].AsString));
        Assert.Equal([("assessments", 1L), ("users", 1L), ("users", 1L)],
            report["validation"].AsBsonArray.Where(v => v["failed"].ToInt64() > 0).Select(v => (v["collection"].AsString, v["failed"].ToInt64())).OrderBy(v => v.Item1, StringComparer.Ordinal));
        Assert.Equal(1L, await cli.CountAsync("app", "_ferry_runs"));

        var (again, againOutput) = await CliHarness.RunAsync("validate", "--uri", cli.StoreUri, "--db", "app", "--rules", rules, "--json", "--no-journal");
        Assert.True(again == 1, againOutput);
        Assert.False(BsonDocument.Parse(againOutput).Contains("run_id"));
        Assert.Equal(1L, await cli.CountAsync("app", "_ferry_runs"));
    }

    private static BsonDocument Totals(BsonDocument report) =>
        new(report["totals"].AsBsonDocument.Select(e => new BsonElement(e.Name, e.Value.ToInt64())));
}

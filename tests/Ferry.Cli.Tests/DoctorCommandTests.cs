using Ferry.Core.Quarantine;
using MongoDB.Bson;

namespace Ferry.Cli.Tests;

/// <summary>
/// <c>ferry doctor integrity</c> (with and without --fix) and <c>ferry doctor restore-quarantine</c>: exit codes and
/// the exact --json counts on a small data set with one duplicate e-mail and one orphaned assessment.
/// </summary>
public class DoctorCommandTests
{
    /// <summary>The validation defects plus an assessment of the duplicate user (re-pointed when merged).</summary>
    private static async Task<string> SeedAsync(CliHarness cli)
    {
        await ValidateCommandTests.SeedDefectsAsync(cli);
        await cli.SeedAsync("app", "assessments", new BsonDocument { { "_id", 12 }, { "user_id", 2 } });
        var rules = cli.PathOf("rules.yaml");
        await File.WriteAllTextAsync(rules, ValidateCommandTests.Rules);
        return rules;
    }

    [Fact]
    public async Task Integrity_without_fix_exits_1_lists_the_duplicate_and_the_orphan_and_writes_nothing()
    {
        using var cli = new CliHarness();
        var rules = await SeedAsync(cli);

        var (exit, output) = await CliHarness.RunAsync("doctor", "integrity", "--uri", cli.StoreUri, "--db", "app", "--rules", rules, "--json");

        Assert.True(exit == 1, output);
        var report = BsonDocument.Parse(output);
        Assert.False(report["clean"].AsBoolean);
        Assert.False(report["fixed"].AsBoolean);
        Assert.Equal(new BsonDocument { { "duplicate", 1L }, { "orphan", 1L } }, report["counts"]);
        Assert.All(report["findings"].AsBsonArray, f => Assert.Equal("none", f["action"].AsString));
        Assert.Equal((3L, 3L, 0L), (await cli.CountAsync("app", "users"), await cli.CountAsync("app", "assessments"), await cli.CountAsync("app", QuarantineStore.CollectionName)));
    }

    [Fact]
    public async Task Integrity_fix_exits_0_merges_repoints_and_quarantines_then_a_second_look_is_clean()
    {
        using var cli = new CliHarness();
        var rules = await SeedAsync(cli);

        var (exit, output) = await CliHarness.RunAsync("doctor", "integrity", "--uri", cli.StoreUri, "--db", "app", "--rules", rules, "--fix", "--json");
        var (again, againOutput) = await CliHarness.RunAsync("doctor", "integrity", "--uri", cli.StoreUri, "--db", "app", "--rules", rules, "--json");

        Assert.True(exit == 0, output);
        var report = BsonDocument.Parse(output);
        Assert.True(report["fixed"].AsBoolean);
        Assert.Equal(new BsonDocument { { "duplicate", 1L }, { "orphan", 1L }, { "repointed", 1L } }, report["counts"]);
        Assert.Equal((2L, 2L, 2L), (await cli.CountAsync("app", "users"), await cli.CountAsync("app", "assessments"), await cli.CountAsync("app", QuarantineStore.CollectionName)));
        Assert.True(again == 0, againOutput);
        Assert.True(BsonDocument.Parse(againOutput)["clean"].AsBoolean);
    }

    [Fact]
    public async Task Integrity_fix_dry_run_writes_nothing()
    {
        using var cli = new CliHarness();
        var rules = await SeedAsync(cli);

        var (_, output) = await CliHarness.RunAsync("doctor", "integrity", "--uri", cli.StoreUri, "--db", "app", "--rules", rules, "--fix", "--dry-run", "--json");

        var report = BsonDocument.Parse(output);
        Assert.True(report["dryRun"].AsBoolean);
        Assert.Equal(new BsonDocument { { "duplicate", 1L }, { "orphan", 1L }, { "repointed", 1L } }, report["counts"]);
        Assert.Equal((3L, 3L, 0L), (await cli.CountAsync("app", "users"), await cli.CountAsync("app", "assessments"), await cli.CountAsync("app", QuarantineStore.CollectionName)));
    }

    [Fact]
    public async Task Integrity_bad_input_exits_2()
    {
        using var cli = new CliHarness();
        var rules = await SeedAsync(cli);

        var (noRules, noRulesOutput) = await CliHarness.RunAsync("doctor", "integrity", "--uri", cli.StoreUri, "--db", "app");
        var (missing, missingOutput) = await CliHarness.RunAsync("doctor", "integrity", "--uri", cli.StoreUri, "--db", "app", "--rules", cli.PathOf("missing.yaml"));
        var (dryRun, dryRunOutput) = await CliHarness.RunAsync("doctor", "integrity", "--uri", cli.StoreUri, "--db", "app", "--rules", rules, "--dry-run");

        Assert.Equal((2, 2, 2), (noRules, missing, dryRun));
        Assert.Contains("--rules: a rules file is required", noRulesOutput);
        Assert.Contains("missing.yaml", missingOutput);
        Assert.Contains("--dry-run: only means something with --fix", dryRunOutput);
    }

    [Fact]
    public async Task Restore_quarantine_exits_0_putting_back_what_fix_quarantined()
    {
        using var cli = new CliHarness();
        var runId = await FixAsync(cli, await SeedAsync(cli));

        var (exit, output) = await CliHarness.RunAsync("doctor", "restore-quarantine", "--uri", cli.StoreUri, "--db", "app", "--run", runId, "--json");

        Assert.True(exit == 0, output);
        var result = BsonDocument.Parse(output);
        Assert.Equal(runId, result["runId"].AsString);
        Assert.Equal(2, result["restored"].ToInt64());
        Assert.Empty(result["conflicts"].AsBsonArray);
        Assert.Equal((3L, 3L), (await cli.CountAsync("app", "users"), await cli.CountAsync("app", "assessments")));
    }

    [Fact]
    public async Task Restore_quarantine_exits_1_when_an_id_is_taken_again_and_keeps_that_document_in_quarantine()
    {
        using var cli = new CliHarness();
        var runId = await FixAsync(cli, await SeedAsync(cli));
        await cli.SeedAsync("app", "users", new BsonDocument { { "_id", 2 }, { "email", "new@x.io" } });

        var (exit, output) = await CliHarness.RunAsync("doctor", "restore-quarantine", "--uri", cli.StoreUri, "--db", "app", "--run", runId, "--json");

        Assert.True(exit == 1, output);
        var result = BsonDocument.Parse(output);
        Assert.Equal(1, result["restored"].ToInt64());
        Assert.Equal("app.users _id 2", Assert.Single(result["conflicts"].AsBsonArray).AsString);
    }

    [Fact]
    public async Task Restore_quarantine_without_run_or_with_an_unknown_run_exits_2_and_restores_nothing()
    {
        using var cli = new CliHarness();
        await FixAsync(cli, await SeedAsync(cli));

        var (noRun, noRunOutput) = await CliHarness.RunAsync("doctor", "restore-quarantine", "--uri", cli.StoreUri, "--db", "app");
        var (unknown, unknownOutput) = await CliHarness.RunAsync("doctor", "restore-quarantine", "--uri", cli.StoreUri, "--db", "app", "--run", "doctor-typo", "--json");

        Assert.Equal((2, 2), (noRun, unknown));
        Assert.Contains("--run: the run id is required", noRunOutput);
        Assert.Contains("--run doctor-typo: that run quarantined nothing in app._ferry_quarantine", unknownOutput);
        Assert.Equal((2L, 2L), (await cli.CountAsync("app", "users"), await cli.CountAsync("app", "assessments")));
    }

    private static async Task<string> FixAsync(CliHarness cli, string rules)
    {
        var (exit, output) = await CliHarness.RunAsync("doctor", "integrity", "--uri", cli.StoreUri, "--db", "app", "--rules", rules, "--fix", "--json");
        Assert.True(exit == 0, output);
        return BsonDocument.Parse(output)["runId"].AsString;
    }
}

using Ferry.Core.Runs;
using MongoDB.Bson;

namespace Ferry.Cli.Tests.Plans;

/// <summary><c>ferry run PLAN</c> on seeded demo data: success, automatic rollback, hooks, dry run, --json, bad plans.</summary>
public class PlanRunTests
{
    private const string Prod = "prod";

    [Fact]
    public async Task The_two_sample_plans_run_end_to_end_on_seeded_demo_data()
    {
        using var fixture = await PlanFixture.SeedAsync();
        var (exit, output) = await CliHarness.RunAsync("run", fixture.PathOf("demo-to-prod.plan.yaml"), "--uri", fixture.Uri, "--db", Prod);
        Assert.True(exit == 0, output);
        var (upgraded, upgradeOutput) = await CliHarness.RunAsync("run", fixture.PathOf("schema-upgrade.plan.yaml"), "--uri", fixture.Uri, "--db", Prod);
        Assert.True(upgraded == 0, upgradeOutput);

        var plans = await fixture.RunsAsync(Prod, "plan");
        Assert.Equal(2, plans.Count);
        Assert.All(plans, p => Assert.Equal(RunStatus.Completed, p["status"].AsString));
        Assert.All(plans.SelectMany(p => p["steps"].AsBsonArray), s => Assert.Equal("completed", s["status"].AsString));
        var transform = plans[0]["steps"].AsBsonArray.Single(s => s["verb"] == "transform");
        Assert.Equal(plans[0]["_id"], (await fixture.RunAsync(Prod, transform["child_run_id"].AsString))["parent_run_id"]);
        // The report step writes the plan run's report as it stands (itself still running) in its path's format.
        var report = BsonDocument.Parse(File.ReadAllText(fixture.PathOf("reports/demo-to-prod-run.json")));
        Assert.Equal(plans[0]["_id"].AsString, report["migration_id"].AsString);
        Assert.Equal(plans[0]["steps"].AsBsonArray.Select(s => s["name"]), report["steps"].AsBsonArray.Select(s => s["name"]));
        Assert.Contains(report["child_runs"].AsBsonArray, c => c["run_id"] == transform["child_run_id"]);
        // The validate step is a child run of its own; the report lists its rules once each, from that run.
        var validate = plans[0]["steps"].AsBsonArray.Single(s => s["verb"] == "validate");
        var validation = (await fixture.RunAsync(Prod, validate["child_run_id"].AsString))["validation"]["collections"].AsBsonArray
            .SelectMany(c => c["rules"].AsBsonArray.Select(r => (c["name"].AsString, r["id"].AsString, r["failed"].ToInt64()))).ToList();
        Assert.NotEmpty(validation);
        Assert.Equal(validation, report["validation"].AsBsonArray.Select(v => (v["collection"].AsString, v["rule"].AsString, v["failed"].ToInt64())));
        var html = File.ReadAllText(fixture.PathOf("reports/schema-upgrade-run.html"));
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(plans[1]["_id"].AsString, html, StringComparison.Ordinal);
        await using var store = await fixture.OpenAsync();
        Assert.Equal(0, await store.GetDatabase(Prod).GetCollection("users").CountAsync(new BsonDocument("profile.timezone", new BsonDocument("$exists", false))));
    }

    [Fact]
    public async Task A_transform_crossing_the_error_rate_is_stopped_and_rolled_back_to_a_byte_identical_target()
    {
        using var fixture = await PlanFixture.SeedAsync();
        await SeedLegacyAsync(fixture);
        var before = await fixture.ExportAsync(Prod);
        var plan = fixture.WritePlan("plan.yaml", $$"""
            store: { db: {{Prod}} }
            thresholds: { error_rate: 0.001, minimum_processed: 10 }
            hooks:
              on_rollback: [ "echo down > on_rollback.txt" ]
              after_rollback: [ "echo up > after_rollback.txt" ]
            steps:
              - { name: backup, backup: {} }
              - { name: transform, transform: { rules: demo-to-prod.yaml, source_db: inframind_demo, batch_size: 20 } }
              - { name: validate, validate: { rules: validation-prod.yaml } }
            """);

        var (exit, output) = await CliHarness.RunAsync("run", plan, "--uri", fixture.Uri);

        Assert.True(exit == 1, output);
        var run = (await fixture.RunsAsync(Prod, "plan")).Single();
        Assert.Equal(RunStatus.RolledBack, run["status"].AsString);
        Assert.Contains("error rate", run["status_reason"].AsString);
        Assert.Contains("above the threshold 0.1 %", run["status_reason"].AsString);
        Assert.Equal(before, await fixture.ExportAsync(Prod));
        Assert.Equal(["completed", "failed", "pending"], run["steps"].AsBsonArray.Select(s => s["status"].AsString));
        Assert.True(run["rollback"]["verified"].AsBoolean);
        Assert.True(File.Exists(fixture.PathOf("on_rollback.txt")));
        Assert.True(File.Exists(fixture.PathOf("after_rollback.txt")));
    }

    [Fact]
    public async Task A_migration_losing_documents_crosses_the_data_loss_threshold_and_is_rolled_back_with_its_changelog()
    {
        using var fixture = await PlanFixture.SeedAsync();
        var before = await fixture.ExportAsync(PlanFixture.DemoDb);
        Directory.CreateDirectory(fixture.PathOf("lossy"));
        File.WriteAllText(fixture.PathOf("lossy/001_drop_some_reports.js"), """
            module.exports = {
              description: "loses a tenth of the reports",
              async up(db) {
                const ids = db.reports.find({}, { _id: 1 }).toArray().filter((r, i) => i % 10 === 0).map(r => r._id);
                await db.reports.deleteMany({ _id: { $in: ids } });
              },
              async down(db) {},
            };
            """);
        var plan = fixture.WritePlan("plan.yaml", $$"""
            store: { db: {{PlanFixture.DemoDb}} }
            steps:
              - { name: backup, backup: {} }
              - { name: migrate, migrate: { migrations: lossy } }
            """);

        var (exit, output) = await CliHarness.RunAsync("run", plan, "--uri", fixture.Uri);

        Assert.True(exit == 1, output);
        var run = (await fixture.RunsAsync(PlanFixture.DemoDb, "plan")).Single();
        Assert.Equal(RunStatus.RolledBack, run["status"].AsString);
        Assert.StartsWith("after step migrate: data loss in inframind_demo.reports:", run["status_reason"].AsString);
        Assert.Equal(before, await fixture.ExportAsync(PlanFixture.DemoDb));
        var (status, statusOutput) = await CliHarness.RunAsync("migrate", "status", "--uri", fixture.Uri, "--db", PlanFixture.DemoDb, "--dir", fixture.PathOf("lossy"));
        Assert.Contains("pending", statusOutput);
    }

    [Fact]
    public async Task A_failing_hook_after_a_data_step_rolls_back_and_before_any_data_step_only_fails()
    {
        using var fixture = await PlanFixture.SeedAsync();
        await SeedLegacyAsync(fixture);
        var before = await fixture.ExportAsync(Prod);
        var late = fixture.WritePlan("late.yaml", $$"""
            store: { db: {{Prod}} }
            steps:
              - { name: backup, backup: {} }
              - { name: transform, transform: { rules: demo-to-prod.yaml, source_db: inframind_demo } }
              - { name: check, hook: { run: "echo checking; exit 3", timeout: 30 } }
            """);
        var (exit, output) = await CliHarness.RunAsync("run", late, "--uri", fixture.Uri);
        Assert.True(exit == 1, output);
        var run = (await fixture.RunsAsync(Prod, "plan")).Single();
        Assert.Equal(RunStatus.RolledBack, run["status"].AsString);
        Assert.StartsWith("step check failed: hook check failed with exit code 3", run["status_reason"].AsString);
        Assert.Contains("checking", run["steps"][2]["result"]["output"].AsString);
        Assert.Equal(before, await fixture.ExportAsync(Prod));

        var early = fixture.WritePlan("early.yaml", $$"""
            store: { db: {{Prod}} }
            hooks: { before: [ "exit 4" ] }
            steps:
              - { name: backup, backup: {} }
              - { name: transform, transform: { rules: demo-to-prod.yaml, source_db: inframind_demo } }
            """);
        var (failed, failedOutput) = await CliHarness.RunAsync("run", early, "--uri", fixture.Uri);
        Assert.True(failed == 1, failedOutput);
        var second = (await fixture.RunsAsync(Prod, "plan")).Last();
        Assert.Equal(RunStatus.Failed, second["status"].AsString);
        Assert.Equal("hook before the plan: hook before failed with exit code 4", second["status_reason"].AsString);
        Assert.Equal("pending", second["steps"][0]["status"].AsString);
        Assert.Equal(before, await fixture.ExportAsync(Prod));
    }

    [Fact]
    public async Task A_report_only_validate_step_records_the_failed_rules_and_completes_and_a_hook_after_it_names_no_child_run()
    {
        using var fixture = await PlanFixture.SeedAsync();
        string Plan(string reportOnly) => $$"""
            store: { db: {{PlanFixture.DemoDb}} }
            steps:
              - { name: check, validate: { rules: validation.yaml{{reportOnly}} } }
              - { name: note, hook: "echo noted" }
            """;

        var (exit, output) = await CliHarness.RunAsync("run", fixture.WritePlan("report-only.yaml", Plan(", report_only: true")), "--uri", fixture.Uri);

        Assert.True(exit == 0, output);
        var run = (await fixture.RunsAsync(PlanFixture.DemoDb, "plan")).Single();
        Assert.Equal(RunStatus.Completed, run["status"].AsString);
        Assert.Matches(@"^inframind_demo: \d+ rule\(s\) failed on \d+ of \d+ document\(s\) \(report only\)$", run["steps"][0]["summary"].AsString);
        Assert.StartsWith("validate-", run["steps"][0]["child_run_id"].AsString, StringComparison.Ordinal);
        Assert.Equal(BsonNull.Value, run["steps"][1]["child_run_id"]);

        var (failed, failedOutput) = await CliHarness.RunAsync("run", fixture.WritePlan("checked.yaml", Plan(string.Empty)), "--uri", fixture.Uri);

        Assert.True(failed == 1, failedOutput);
        Assert.Equal(RunStatus.Failed, (await fixture.RunsAsync(PlanFixture.DemoDb, "plan")).Last()["status"].AsString);
    }

    [Fact]
    public async Task Rollback_of_a_completed_run_restores_the_data_before_it()
    {
        using var fixture = await PlanFixture.SeedAsync();
        await SeedLegacyAsync(fixture);
        var before = await fixture.ExportAsync(Prod);
        var plan = fixture.WritePlan("plan.yaml", $$"""
            store: { db: {{Prod}} }
            hooks: { after_rollback: [ "echo up > scaled-up.txt" ] }
            steps:
              - { name: backup, backup: {} }
              - { name: transform, transform: { rules: demo-to-prod.yaml, source_db: inframind_demo } }
              - { name: legacy-kept, smoke: { query: { collection: legacy, filter: { n: 1 }, count: 1 }, after_rollback: true } }
            """);
        var (exit, output) = await CliHarness.RunAsync("run", plan, "--uri", fixture.Uri);
        Assert.True(exit == 0, output);
        Assert.NotEqual(before, await fixture.ExportAsync(Prod));
        var runId = (await fixture.RunsAsync(Prod, "plan")).Single()["_id"].AsString;

        var (rolledBack, rollbackOutput) = await CliHarness.RunAsync("rollback", runId, "--uri", fixture.Uri, "--db", Prod, "--json");

        Assert.True(rolledBack == 0, rollbackOutput);
        var result = BsonDocument.Parse(rollbackOutput);
        Assert.Equal(RunStatus.RolledBack, result["status"].AsString);
        Assert.Equal(runId, result["planRunId"].AsString);
        Assert.Equal("legacy-kept", result["checks"][0]["name"].AsString);
        Assert.Equal(before, await fixture.ExportAsync(Prod));
        Assert.True(File.Exists(fixture.PathOf("scaled-up.txt")));
        var rollbackRun = (await fixture.RunsAsync(Prod, "rollback")).Single();
        Assert.Equal(runId, rollbackRun["parent_run_id"].AsString);
        Assert.Equal(RunStatus.RolledBack, rollbackRun["status"].AsString);
    }

    [Fact]
    public async Task A_dry_run_walks_every_step_and_writes_nothing()
    {
        using var fixture = await PlanFixture.SeedAsync();
        await SeedLegacyAsync(fixture);
        var before = await fixture.ExportAsync(Prod, userOnly: false);
        var demoBefore = await fixture.ExportAsync(PlanFixture.DemoDb, userOnly: false);
        var plan = fixture.WritePlan("plan.yaml", $$"""
            store: { db: {{Prod}} }
            hooks: { before: [ "touch hook-ran.txt" ] }
            steps:
              - { name: backup, backup: {} }
              - { name: transform, transform: { rules: demo-to-prod.yaml, source_db: inframind_demo } }
              - { name: migrate, migrate: { migrations: migrations } }
              - { name: repair, doctor: { rules: validation-prod.yaml, fix: true } }
              - { name: touch, hook: { run: "touch step-ran.txt" } }
              - { name: report, report: { path: report.json } }
            """);

        var (exit, stdout, stderr) = await CliHarness.RunSplitAsync("run", plan, "--uri", fixture.Uri, "--dry-run", "--json");

        Assert.True(exit == 0, stdout + stderr);
        var result = BsonDocument.Parse(stdout);
        Assert.Equal("dry_run", result["status"].AsString);
        Assert.Equal(["backup", "transform", "migrate", "repair", "touch", "report"], result["steps"].AsBsonArray.Select(s => s["name"].AsString));
        Assert.StartsWith("would back up prod", result["steps"][0]["summary"].AsString);
        Assert.StartsWith("would write", result["steps"][1]["summary"].AsString);
        Assert.Equal("would run: touch step-ran.txt (time limit 300 s)", result["steps"][4]["summary"].AsString);
        Assert.Equal(before, await fixture.ExportAsync(Prod, userOnly: false));
        Assert.Equal(demoBefore, await fixture.ExportAsync(PlanFixture.DemoDb, userOnly: false));
        Assert.False(Directory.Exists(fixture.PathOf("backups")));
        Assert.False(File.Exists(fixture.PathOf("report.json")));
        Assert.False(File.Exists(fixture.PathOf("hook-ran.txt")));
        Assert.False(File.Exists(fixture.PathOf("step-ran.txt")));
    }

    [Fact]
    public async Task Json_result_names_the_run_and_every_step_with_its_record()
    {
        using var fixture = await PlanFixture.SeedAsync(size: 10);
        var plan = fixture.WritePlan("plan.yaml", $$"""
            store: { db: {{Prod}} }
            steps:
              - { name: health, health: {} }
              - { name: backup, backup: { tag: "mine-{run}" } }
              - { name: transform, transform: { rules: demo-to-prod.yaml, source_db: inframind_demo } }
            """);

        var (exit, stdout, stderr) = await CliHarness.RunSplitAsync("run", plan, "--uri", fixture.Uri, "--json", "--until", "backup");

        Assert.True(exit == 0, stdout + stderr);
        var result = BsonDocument.Parse(stdout);
        Assert.Equal(["runId", "status", "dryRun", "reason", "steps", "rollback", "thresholdCrossed"], result.Names);
        Assert.Equal(RunStatus.Stopped, result["status"].AsString);
        var runId = result["runId"].AsString;
        Assert.StartsWith("plan-", runId);
        var backup = result["steps"][1].AsBsonDocument;
        Assert.Equal(["name", "verb", "status", "started_at", "ended_at", "duration_ms", "summary", "backup_tag", "child_run_id", "attempts", "result"], backup.Names);
        Assert.Equal("mine-" + runId, backup["backup_tag"].AsString);
        Assert.Equal("pending", result["steps"][2]["status"].AsString);

        var (resumed, resumedOut, resumedErr) = await CliHarness.RunSplitAsync("run", plan, "--uri", fixture.Uri, "--json", "--resume", runId);
        Assert.True(resumed == 0, resumedOut + resumedErr);
        var done = BsonDocument.Parse(resumedOut);
        Assert.Equal(RunStatus.Completed, done["status"].AsString);
        Assert.Equal(1, done["steps"][1]["attempts"].AsInt32);
        Assert.Equal(1, done["steps"][2]["attempts"].AsInt32);
    }

    [Theory]
    [InlineData("steps:\n  - { name: a, backupp: {} }\n", "plan.yaml:2:16: unknown step key 'backupp'")]
    [InlineData("steps:\n  - name: t\n    transform: { rules: nope.yaml, source_db: d }\n", "plan.yaml:3:25: no such file:")]
    [InlineData("steps:\n  - name: m\n    migrate: { migrations: migrations }\n", "plan.yaml:2:5: step 'm' (migrate) changes the plan's database, but no backup step of it comes before it")]
    [InlineData("steps:\n  - { name: b, backup: {} }\n  - { name: d, doctor: { rules: validation.yaml, fix: true, db: other } }\n", "plan.yaml:3:5: step 'd' (doctor with fix) changes database other, but no backup step of it comes before it")]
    [InlineData("stepz: []\n", "plan.yaml:1:1: unknown key 'stepz'")]
    [InlineData("thresholds: { error_rate: 5 }\nsteps: [ { name: h, health: {} } ]\n", "plan.yaml:1:27: expected a fraction between 0 and 1")]
    public async Task A_bad_plan_is_refused_before_anything_runs_with_file_line_and_column(string yaml, string expected)
    {
        using var fixture = await PlanFixture.SeedAsync(size: 5);
        var before = await fixture.ExportAsync(PlanFixture.DemoDb, userOnly: false);
        var plan = fixture.WritePlan("plan.yaml", yaml);

        var (exit, stdout, stderr) = await CliHarness.RunSplitAsync("run", plan, "--uri", fixture.Uri, "--db", PlanFixture.DemoDb);

        Assert.Equal(2, exit);
        Assert.Contains(expected, stderr.ReplaceLineEndings(" "));
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.Equal(before, await fixture.ExportAsync(PlanFixture.DemoDb, userOnly: false));
    }

    /// <summary>A production database with data of its own (and an index) for a rollback to give back byte for byte.</summary>
    internal static async Task SeedLegacyAsync(PlanFixture fixture)
    {
        await using var store = await fixture.OpenAsync();
        var legacy = store.GetDatabase(Prod).GetCollection("legacy");
        await legacy.BulkWriteAsync([.. Enumerable.Range(1, 30).Select(i => new Ferry.Core.Storage.InsertRequest(new BsonDocument { { "_id", i }, { "n", i }, { "note", $"kept {i}" } }))]);
        await legacy.CreateIndexesAsync([new BsonDocument { { "key", new BsonDocument("n", 1) }, { "name", "n_1" }, { "unique", true } }]);
    }
}

using Ferry.Core.Backup;
using Ferry.Core.Runs;
using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Cli.Tests.Plans;

/// <summary><c>ferry rehearse PLAN --from-backup</c>: the plan runs on a restored copy; the real store is never touched.</summary>
public class RehearseTests
{
    private const string Prod = "prod";

    [Fact]
    public async Task A_rehearsal_runs_the_plan_on_the_backup_and_leaves_the_real_store_and_its_journal_byte_identical()
    {
        using var fixture = await PlanFixture.SeedAsync();
        await PlanRunTests.SeedLegacyAsync(fixture);
        await BackUpAsync(fixture, "snap");
        // The real store grows after the backup: the estimate scales the transform by real / rehearsed documents.
        await using (var store = await fixture.OpenAsync())
        {
            await store.GetDatabase(PlanFixture.DemoDb).GetCollection("extra").BulkWriteAsync([.. Enumerable.Range(1, 500).Select(i => new InsertRequest(new BsonDocument("_id", i)))]);
        }

        var prodBefore = await fixture.ExportAsync(Prod, userOnly: false);
        var demoBefore = await fixture.ExportAsync(PlanFixture.DemoDb, userOnly: false);
        var plan = fixture.WritePlan("plan.yaml", $$"""
            store: { db: {{Prod}} }
            hooks: { before: [ "touch hook-ran.txt" ] }
            steps:
              - { name: backup, backup: {} }
              - { name: transform, transform: { rules: demo-to-prod.yaml, source_db: inframind_demo } }
              - { name: repair, doctor: { rules: validation-prod.yaml, fix: true } }
              - { name: validate, validate: { rules: validation-prod.yaml } }
              - { name: touch, hook: { run: "touch step-ran.txt" } }
              - { name: report, report: { path: report.json } }
            """);

        var (exit, stdout, stderr) = await CliHarness.RunSplitAsync("rehearse", plan, "--from-backup", "snap", "--uri", fixture.Uri, "--json");

        Assert.True(exit == 0, stdout + stderr);
        var result = BsonDocument.Parse(stdout);
        Assert.Equal(["ok", "runId", "status", "reason", "thresholdCrossed", "backup", "steps", "validation", "estimate", "rollback", "keptStore"], result.Names);
        Assert.True(result["ok"].AsBoolean);
        Assert.Equal(RunStatus.Completed, result["status"].AsString);
        Assert.Equal(["backup", "transform", "repair", "validate", "touch", "report"], result["steps"].AsBsonArray.Select(s => s["name"].AsString));
        Assert.Equal("rehearsal: hook not run: touch step-ran.txt", result["steps"][4]["summary"].AsString);
        Assert.True(result["validation"][0]["passed"].AsBoolean);
        var estimate = result["estimate"].AsBsonDocument;
        Assert.Equal("real store", estimate["basis"].AsString);
        var rehearsed = estimate["rehearsedDocuments"][PlanFixture.DemoDb].ToInt64();
        var real = estimate["realDocuments"][PlanFixture.DemoDb].ToInt64();
        Assert.Equal(rehearsed + 500, real);
        var transform = result["steps"][1];
        Assert.Equal((long)Math.Round(transform["durationMs"].ToInt64() * ((double)real / rehearsed)), transform["estimatedMs"].ToInt64());
        Assert.True(result["keptStore"].IsBsonNull);

        Assert.Equal(prodBefore, await fixture.ExportAsync(Prod, userOnly: false));
        Assert.Equal(demoBefore, await fixture.ExportAsync(PlanFixture.DemoDb, userOnly: false));
        Assert.Equal(["snap"], Directory.GetDirectories(fixture.PathOf("backups")).Select(Path.GetFileName));
        Assert.False(File.Exists(fixture.PathOf("hook-ran.txt")));
        Assert.False(File.Exists(fixture.PathOf("step-ran.txt")));
        Assert.False(File.Exists(fixture.PathOf("report.json")));
    }

    [Fact]
    public async Task A_rehearsal_whose_transform_crosses_the_error_rate_exits_1_and_names_the_threshold_and_keeps_its_store_when_asked()
    {
        using var fixture = await PlanFixture.SeedAsync();
        await BackUpAsync(fixture, "snap");
        var demoBefore = await fixture.ExportAsync(PlanFixture.DemoDb, userOnly: false);
        var plan = fixture.WritePlan("plan.yaml", $$"""
            store: { db: {{Prod}} }
            thresholds: { error_rate: 0.001, minimum_processed: 10 }
            steps:
              - { name: backup, backup: {} }
              - { name: transform, transform: { rules: demo-to-prod.yaml, source_db: inframind_demo, batch_size: 20 } }
            """);

        var (exit, output) = await CliHarness.RunAsync("rehearse", plan, "--from-backup", fixture.PathOf("backups/snap"), "--keep", fixture.PathOf("kept"));

        Assert.True(exit == 1, output);
        Assert.Contains("the plan would roll back: threshold crossed: error rate", output.ReplaceLineEndings(" "));
        Assert.Contains("above the threshold 0.1 %", output.ReplaceLineEndings(" "));
        Assert.Equal(demoBefore, await fixture.ExportAsync(PlanFixture.DemoDb, userOnly: false));
        // The kept rehearsal store holds the rolled-back plan run, not the real one.
        await using var kept = await new StoreRegistry(Ferry.Cli.Infrastructure.StoreProviders.All()).OpenAsync("file:" + fixture.PathOf("kept/data"));
        var runs = new List<BsonDocument>();
        await foreach (var run in new RunJournal(kept.GetDatabase(Prod)).ListAsync())
        {
            runs.Add(run);
        }

        Assert.Equal(RunStatus.RolledBack, runs.Single(r => r["kind"] == "plan")["status"].AsString);
        Assert.Empty(await fixture.RunsAsync(Prod, "plan"));
    }

    [Theory]
    [InlineData("nope", "--from-backup nope: no backup tagged nope in ")]
    [InlineData("", "--from-backup: required;")]
    public async Task A_bad_backup_is_refused_with_one_line_and_exit_2(string backup, string expected)
    {
        using var fixture = await PlanFixture.SeedAsync(size: 5);
        var plan = fixture.WritePlan("plan.yaml", $$"""
            store: { db: {{Prod}} }
            steps:
              - { name: backup, backup: {} }
            """);
        string[] args = backup.Length == 0 ? ["rehearse", plan, "--uri", fixture.Uri] : ["rehearse", plan, "--from-backup", backup, "--uri", fixture.Uri];

        var (exit, stdout, stderr) = await CliHarness.RunSplitAsync(args);

        Assert.Equal(2, exit);
        Assert.Contains(expected, stderr);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.Equal(string.Empty, stdout.Trim());
    }

    private static async Task BackUpAsync(PlanFixture fixture, string tag)
    {
        await using var store = await fixture.OpenAsync();
        var databases = await store.ListDatabaseNamesAsync();
        await new BackupService().CreateAsync(store, new BackupOptions { Databases = databases, Tag = tag, OutputRoot = fixture.PathOf("backups") });
    }
}

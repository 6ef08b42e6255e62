using Ferry.Core.Backup;
using Ferry.Core.Reports;
using Ferry.Core.Runs;
using Ferry.Core.Storage;
using Ferry.Core.Tests.Support;
using Ferry.Core.Tests.Transform;
using Ferry.Core.Transform;
using Ferry.Store.Embedded;
using MongoDB.Bson;

namespace Ferry.Core.Tests.Reports;

/// <summary>
/// The run report (#16) built from journal documents: a real transform run, and hand-built runs of the kinds other
/// verbs write (a plan with steps, child runs, a backup, validation, an alert and a rollback).
/// </summary>
public sealed class RunReportTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ferry-report-tests", Guid.NewGuid().ToString("N"));
    private IDocumentStore _store = null!;

    private IDocumentDatabase Database => _store.GetDatabase("prod");

    public async Task InitializeAsync() => _store = await new EmbeddedStoreProvider().OpenAsync("file:" + Path.Combine(_folder, "data"));

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_transform_report_counts_quarantined_documents_as_errors_and_agrees_with_the_journal()
    {
        await using var demo = await SeededDemo.CreateAsync(size: 200);
        var target = demo.Store.GetDatabase("prod");
        var result = await new TransformEngine(new TransformOptions { Time = SeededDemo.Time, Partitions = 2 }).RunAsync(demo.Demo, target, TransformEngineTests.FastRules());
        var journal = (await new RunJournal(target).GetAsync(result.RunId))!;

        var report = await new RunReportBuilder(target, SeededDemo.Time).BuildAsync(result.RunId);

        var quarantined = result.Collections.Sum(c => c.Quarantined);
        Assert.True(quarantined > 0, "the demo data set plants documents the transform quarantines");
        Assert.Equal(quarantined, report.Statistics.QuarantinedDocuments);
        Assert.Equal(quarantined, report.Statistics.ErrorCount);
        Assert.Equal(result.Collections.Sum(c => c.Processed), report.Statistics.ProcessedDocuments);
        foreach (var collection in journal["collections"].AsBsonDocument)
        {
            var row = report.Collections.Single(c => c.Name == collection.Name);
            var stored = collection.Value.AsBsonDocument;
            Assert.Equal((stored["total"].ToInt64(), stored["processed"].ToInt64(), stored["written"].ToInt64(), stored["quarantined"].ToInt64()), (row.Total, row.Processed, row.Written, row.Quarantined));
        }

        Assert.Equal(quarantined, report.Quarantine.Sum(q => q.Count));
        Assert.Equal(journal["samples"].AsBsonArray.Count, report.Samples.Count);
        Assert.Equal(Math.Round(100.0 * quarantined / report.Statistics.TotalDocuments, 2), report.Statistics.ErrorRate);
        Assert.Equal("completed", report.Status);
        Assert.StartsWith($"The transform run {result.RunId} succeeded: ", report.Headline, StringComparison.Ordinal);
        ReportSchema.AssertValid(ReportJson.Write(report));
    }

    [Fact]
    public async Task A_plan_report_gathers_its_steps_child_runs_quarantine_reasons_validation_alerts_rollback_and_backup_verification()
    {
        var backupRoot = Path.Combine(_folder, "backups");
        await Database.GetCollection("users").BulkWriteAsync([new InsertRequest(new BsonDocument("_id", 1))]);
        await new BackupService().CreateAsync(_store, new BackupOptions { Tag = "before-plan", OutputRoot = backupRoot, Databases = ["prod"] });
        Assert.True((await new BackupService().VerifyAsync(backupRoot, "before-plan")).Ok);
        var runId = await JournalDocuments.InsertRolledBackPlanAsync(Database, "before-plan");

        var report = await new RunReportBuilder(Database).BuildAsync(runId, backupRoot);

        Assert.Equal(("plan", RunStatus.RolledBack, "rolled back"), (report.Kind, report.Status, report.Outcome));
        Assert.Equal(["backup before", "transform users", "check"], report.Steps.Select(s => s.Name));
        Assert.Equal([30_000L], report.Steps.Where(s => s.Verb == "transform").Select(s => s.DurationMs!.Value));
        Assert.Equal(["transform-1", "validate-1"], report.Children.Select(c => c.RunId).Order(StringComparer.Ordinal));
        Assert.Equal(new ReportStatistics(1500, 750, 674, 76, 1), report.Statistics);
        Assert.Equal((77L, 5.13, 44.93), (report.Statistics.ErrorCount, report.Statistics.ErrorRate, report.Statistics.SuccessRate));
        Assert.Equal([("users", "email: not an e-mail address", 50L), ("users", "name: required", 26L)], report.Quarantine.Select(q => (q.Collection, q.Reason, q.Count)));
        Assert.Equal([("users", "email-format", 12L), ("users", "name-required", 3L), ("orders", "user-exists", 0L)], report.Validation.Select(v => (v.Collection, v.Rule, v.Failed)));
        Assert.Equal("error_rate", report.Alerts.Single().Alert);
        Assert.Equal((RunStatus.RolledBack, "before-plan"), (report.Rollbacks.Single().Status, report.Rollbacks.Single().BackupTag));
        var backup = report.Backups.Single();
        Assert.Equal(("before-plan", true, 0, 1L), (backup.Tag, backup.Verified, backup.Problems, backup.Documents));
        Assert.StartsWith("The plan run plan-1 rolled back: 750 of 1500 documents processed, 77 errors (76 quarantined) in 42 s (error rate 15.2% crossed", report.Headline, StringComparison.Ordinal);
        ReportSchema.AssertValid(ReportJson.Write(report));
    }

    [Fact]
    public async Task The_report_of_a_plan_shows_its_child_runs_samples_when_it_has_none_of_its_own()
    {
        var runId = await JournalDocuments.InsertRolledBackPlanAsync(Database, "before-plan");

        var report = await new RunReportBuilder(Database).BuildAsync(runId);

        Assert.Equal([10_000L, 20_000L, 30_000L], report.Samples.Select(s => s.ElapsedMs));
        Assert.Equal("no backup root known: pass --backup-root to show its verification", report.Backups.Single().Note);
    }

    [Fact]
    public async Task No_secret_of_the_journal_reaches_the_report()
    {
        var runId = await JournalDocuments.InsertRolledBackPlanAsync(Database, "before-plan");

        var json = ReportJson.Write(await new RunReportBuilder(Database).BuildAsync(runId));

        Assert.DoesNotContain("hunter2", json, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-salt", json, StringComparison.Ordinal);
        Assert.Contains("mongodb://admin:***@db.example:27017", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rates_print_as_the_shortest_text_that_round_trips()
    {
        // 1 error in 3 documents: 33.333333333333336 unrounded; the report stores and prints 33.33 (and 66.67).
        var run = JournalDocuments.Run("migrate-1", "migrate", RunStatus.Completed, 15_200);
        run["collections"] = new BsonDocument("users", JournalDocuments.Collection(3, 3, 2, 1));
        await Database.GetCollection(RunJournal.CollectionName).BulkWriteAsync([new InsertRequest(run)]);

        var json = ReportJson.Write(await new RunReportBuilder(Database).BuildAsync("migrate-1"));

        Assert.True(json.Contains("\"error_rate\": 33.33,", StringComparison.Ordinal), json);
        Assert.Contains("\"success_rate\": 66.67,", json, StringComparison.Ordinal);
        Assert.Contains("\"duration\": 15.2,", json, StringComparison.Ordinal);
        ReportSchema.AssertValid(json);
    }

    [Fact]
    public async Task A_plan_validate_step_recorded_without_a_child_run_still_reports_its_rules_from_the_step_result()
    {
        // Plans run before validations were runs kept the validator's result in the step record only.
        var plan = JournalDocuments.Run("plan-2", "plan", RunStatus.Failed, 5_000, reason: "step check failed");
        var step = JournalDocuments.Step("check", "validate", RunStatus.Failed, 0, 5_000, summary: "1 rule(s) failed");
        step["result"] = new BsonDocument("collections", new BsonArray
        {
            new BsonDocument { { "name", "users" }, { "rules", new BsonArray { new BsonDocument { { "id", "users.email:lowercase" }, { "kind", "lowercase" }, { "field", "email" }, { "failed", 7L } } } } },
        });
        plan["steps"] = new BsonArray { step };
        await Database.GetCollection(RunJournal.CollectionName).BulkWriteAsync([new InsertRequest(plan)]);

        var report = await new RunReportBuilder(Database).BuildAsync("plan-2");

        Assert.Equal([("users", "users.email:lowercase", 7L)], report.Validation.Select(v => (v.Collection, v.Rule, v.Failed)));
    }

    [Fact]
    public async Task Last_is_the_newest_run_no_other_run_started()
    {
        await JournalDocuments.InsertRolledBackPlanAsync(Database, "before-plan");

        Assert.Equal("plan-1", await new RunReportBuilder(Database).LastRunIdAsync());
        Assert.Null(await new RunReportBuilder(_store.GetDatabase("empty")).LastRunIdAsync());
    }

    [Fact]
    public async Task An_unknown_run_is_bad_input_naming_the_run()
    {
        var error = await Assert.ThrowsAsync<Errors.UserInputException>(() => new RunReportBuilder(Database).BuildAsync("nope"));
        Assert.Equal("no run 'nope' in prod._ferry_runs (see ferry runs list)", error.Message);
    }
}

using Ferry.Cli.Infrastructure;
using Ferry.Core.Runs;
using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Cli.Tests.Reports;

/// <summary>
/// <c>ferry report</c> (#16): exit 0 for a run that succeeded, 1 for one that did not, 2 for bad input with nothing
/// written; --json, --out, --last; and --report DIR / report: in ferry.yaml writing the three files when a run ends.
/// </summary>
public class ReportCommandTests
{
    private static readonly DateTime Start = new(2026, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    private static async Task InsertRunAsync(CliHarness cli, string id, string status, string? reason = null)
    {
        await using var store = await new StoreRegistry(StoreProviders.All()).OpenAsync(cli.StoreUri);
        await store.GetDatabase("prod").GetCollection(RunJournal.CollectionName).BulkWriteAsync([new InsertRequest(new BsonDocument
        {
            { "_id", id }, { "kind", "import" }, { "status", status }, { "started_at", Start }, { "ended_at", Start.AddSeconds(3) }, { "duration_ms", 3000L },
            { "spec", new BsonDocument { { "source", "mongodb://admin:hunter2@db.example/app" }, { "hash_salt_key", "s3cr3t-salt" } } },
            { "collections", new BsonDocument("users", new BsonDocument { { "total", 40L }, { "processed", 40L }, { "written", 38L }, { "quarantined", 2L } }) },
            { "errors", new BsonArray { new BsonDocument { { "at", Start }, { "message", "retry against mongodb://admin:***@db.example" } } } },
            { "error_count", 1L }, { "samples", new BsonArray() }, { "alerts", new BsonArray() }, { "parent_run_id", BsonNull.Value },
            { "status_reason", (BsonValue?)reason ?? BsonNull.Value },
        })]);
    }

    [Fact]
    public async Task A_completed_run_reports_with_exit_0_and_its_numbers_in_json()
    {
        using var cli = new CliHarness();
        await InsertRunAsync(cli, "import-1", RunStatus.Completed);

        var (exit, stdout, stderr) = await CliHarness.RunSplitAsync("report", "import-1", "--uri", cli.StoreUri, "--db", "prod", "--json");

        Assert.True(exit == 0, stdout + stderr);
        var result = BsonDocument.Parse(stdout);
        Assert.Equal(("import-1", "completed", "md"), (result["runId"].AsString, result["status"].AsString, result["format"].AsString));
        var statistics = result["report"]["statistics"].AsBsonDocument;
        Assert.Equal((40L, 40L, 3L, 7.5, 95.0), (statistics["total_documents"].ToInt64(), statistics["processed_documents"].ToInt64(), statistics["error_count"].ToInt64(), statistics["error_rate"].ToDouble(), statistics["success_rate"].ToDouble()));
        Assert.Equal("The import run import-1 succeeded: 40 of 40 documents processed, 3 errors (2 quarantined) in 3 s.", result["headline"].AsString);
        Assert.DoesNotContain("hunter2", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-salt", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_run_reports_with_exit_1_and_out_writes_the_format_its_extension_names()
    {
        using var cli = new CliHarness();
        await InsertRunAsync(cli, "import-1", RunStatus.Failed, "lost mongodb://admin:hunter2@db.example");
        var out1 = cli.PathOf("reports/import.html");
        var out2 = cli.PathOf("import.json");

        var (exit, output) = await CliHarness.RunAsync("report", "--last", "--uri", cli.StoreUri, "--db", "prod", "--out", out1);
        var (jsonExit, _) = await CliHarness.RunAsync("report", "import-1", "--uri", cli.StoreUri, "--db", "prod", "--out", out2);

        Assert.True(exit == 1, output);
        Assert.Equal(1, jsonExit);
        Assert.Contains($"report written to {out1}", output.Replace("\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        var html = await File.ReadAllTextAsync(out1);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("The import run import-1 failed: 40 of 40 documents processed, 3 errors (2 quarantined) in 3 s (lost mongodb://admin:***@db.example).", html, StringComparison.Ordinal);
        Assert.Equal("failed", BsonDocument.Parse(await File.ReadAllTextAsync(out2))["status"].AsString);
        Assert.DoesNotContain("hunter2", html + await File.ReadAllTextAsync(out2), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Markdown_goes_to_standard_output_as_is()
    {
        using var cli = new CliHarness();
        await InsertRunAsync(cli, "import-1", RunStatus.Completed);

        var (exit, stdout, _) = await CliHarness.RunSplitAsync("report", "import-1", "--uri", cli.StoreUri, "--db", "prod", "--format", "md");

        Assert.Equal(0, exit);
        Assert.StartsWith("# Ferry report: import run `import-1`", stdout, StringComparison.Ordinal);
        Assert.Contains("| users | 40 | 40 | 38 | 2 | 100 | import-1 |", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RUN: name the run to report (see ferry runs list), or --last for the newest", "report")]
    [InlineData("--last: give either a RUN or --last, not both", "report", "import-1", "--last")]
    [InlineData("--format xml: expected json, md or html", "report", "import-1", "--format", "xml")]
    [InlineData("no run 'nope' in prod._ferry_runs (see ferry runs list)", "report", "nope")]
    public async Task Bad_input_exits_2_with_one_line_and_writes_nothing(string expected, params string[] args)
    {
        using var cli = new CliHarness();
        await InsertRunAsync(cli, "import-1", RunStatus.Completed);
        var outFile = cli.PathOf("out.md");

        var (exit, stdout, stderr) = await CliHarness.RunSplitAsync([.. args, "--uri", cli.StoreUri, "--db", "prod", "--out", outFile]);

        Assert.True(exit == 2, stdout + stderr);
        Assert.StartsWith("error: " + expected, stderr.Trim(), StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.False(File.Exists(outFile));
    }

    [Fact]
    public async Task Last_in_an_empty_database_is_bad_input()
    {
        using var cli = new CliHarness();

        var (exit, _, stderr) = await CliHarness.RunSplitAsync("report", "--last", "--uri", cli.StoreUri, "--db", "prod");

        Assert.Equal(2, exit);
        Assert.Equal("error: --last: no run in prod._ferry_runs", stderr.Trim());
    }

    [Fact]
    public async Task Transform_with_report_and_report_in_ferry_yaml_write_the_three_files_of_its_run()
    {
        using var cli = new CliHarness();
        var demo = cli.PathOf("demo");
        Assert.Equal(0, (await CliHarness.RunAsync("demo", "--dir", demo, "--size", "60")).Exit);
        var uri = "file:" + Path.Combine(demo, "data");
        var rules = Path.Combine(demo, "demo-to-prod.yaml");
        var reports = cli.PathOf("reports");

        var (exit, output) = await CliHarness.RunAsync("transform", "--rules", rules, "--source-uri", uri, "--source-db", "inframind_demo", "--target-db", "prod2", "--report", reports);

        Assert.True(exit == 0, output);
        var runId = (await RunIdsAsync(uri, "prod2")).Single();
        Assert.Equal(["html", "json", "md"], Directory.GetFiles(reports).Select(f => Path.GetExtension(f)[1..]).Order(StringComparer.Ordinal));
        Assert.All(Directory.GetFiles(reports), f => Assert.Equal(runId, Path.GetFileNameWithoutExtension(f)));
        var report = BsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(reports, runId + ".json")));
        Assert.Equal(("completed", runId), (report["status"].AsString, report["migration_id"].AsString));

        var config = cli.PathOf("ferry.yaml");
        await File.WriteAllTextAsync(config, "report: from-config\n");
        var (configExit, stdout, stderr) = await CliHarness.RunProcessAsync(new Dictionary<string, string> { ["FERRY_CONFIG"] = config },
            "transform", "--rules", rules, "--source-uri", uri, "--source-db", "inframind_demo", "--target-db", "prod3");
        Assert.True(configExit == 0, stdout + stderr);
        var second = (await RunIdsAsync(uri, "prod3")).Single();
        Assert.True(File.Exists(Path.Combine(cli.PathOf("from-config"), second + ".html")), stdout);
    }

    [Fact]
    public async Task Demo_ends_by_writing_the_html_report_of_its_plan_run_and_printing_its_path()
    {
        using var cli = new CliHarness();
        var demo = cli.PathOf("demo");

        var (exit, output) = await CliHarness.RunAsync("demo", "--dir", demo, "--size", "60");
        var (_, json) = await CliHarness.RunAsync("demo", "--dir", cli.PathOf("demo2"), "--size", "60", "--json");

        Assert.Equal(0, exit);
        var runId = (await RunIdsAsync("file:" + Path.Combine(demo, "data"), "inframind_prod", "plan")).Single();
        var path = Path.Combine(demo, "reports", runId + ".html");
        Assert.Contains($"Report of the plan run (open it in a browser): {path}", output.Replace("\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains($"The plan run {runId} succeeded", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
        Assert.True(File.Exists(BsonDocument.Parse(json)["locations"]["report"].AsString));
    }

    private static async Task<IReadOnlyList<string>> RunIdsAsync(string uri, string database, string kind = "transform")
    {
        await using var store = await new StoreRegistry(StoreProviders.All()).OpenAsync(uri);
        // Runs of one kind only: the demo's backups, restores and repairs are journaled runs of their own.
        return await new RunJournal(store.GetDatabase(database)).ListAsync().Where(r => r["kind"].AsString == kind).Select(r => r["_id"].AsString).ToListAsync();
    }
}

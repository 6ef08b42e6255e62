using System.Text.RegularExpressions;
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
/// The JSON, Markdown and HTML renderings of a report print the journal's numbers exactly, the HTML page is
/// self-contained (nothing to fetch, no script) with one chart per chart section, and no secret reaches any format.
/// </summary>
public sealed partial class ReportFormatsTests : IAsyncLifetime
{
    private static readonly string[] CountFields = ["total", "processed", "written", "quarantined"];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ferry-report-formats", Guid.NewGuid().ToString("N"));
    private IDocumentStore _store = null!;

    public async Task InitializeAsync() => _store = await new EmbeddedStoreProvider().OpenAsync("file:" + _folder);

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
    public async Task A_transform_run_prints_the_journals_numbers_exactly_in_all_three_formats()
    {
        await using var demo = await SeededDemo.CreateAsync(size: 200);
        var target = demo.Store.GetDatabase("prod");
        var result = await new TransformEngine(new TransformOptions { Time = SeededDemo.Time, Partitions = 2 }).RunAsync(demo.Demo, target, TransformEngineTests.FastRules());
        var journal = (await new RunJournal(target).GetAsync(result.RunId))!;
        var report = await new RunReportBuilder(target).BuildAsync(result.RunId);

        AssertFormatsAgreeWith(journal, report);
        Assert.Equal(["throughput", "collections"], ChartSections(HtmlReport.Render(report)));
    }

    [Fact]
    public async Task A_plan_run_prints_its_childrens_numbers_steps_and_validation_exactly_in_all_three_formats()
    {
        var database = _store.GetDatabase("prod");
        var runId = await JournalDocuments.InsertRolledBackPlanAsync(database, "before-plan");
        var report = await new RunReportBuilder(database).BuildAsync(runId);
        var transform = (await new RunJournal(database).GetAsync("transform-1"))!;

        AssertFormatsAgreeWith(transform, report);
        var html = HtmlReport.Render(report);
        var markdown = MarkdownReport.Render(report);
        Assert.Equal(["throughput", "collections", "validation", "steps"], ChartSections(html));
        foreach (var step in report.Steps)
        {
            Assert.Contains($"<td>{step.Name}</td><td>{step.Verb}</td><td>{step.Status}</td><td class=\"num\">{step.DurationMs}</td>", html, StringComparison.Ordinal);
            Assert.Contains($"| {step.Name} | {step.Verb} | {step.Status} | {step.DurationMs} |", markdown, StringComparison.Ordinal);
        }

        Assert.Contains("<td>users</td><td>email-format</td><td>format</td><td>email</td><td class=\"num\">12</td>", html, StringComparison.Ordinal);
        Assert.Contains("| users | email-format | format | email | 12 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| users | email: not an e-mail address | 50 |", markdown, StringComparison.Ordinal);
        Assert.Contains("<h1 id=\"headline\" class=\"failed\">The plan run plan-1 rolled back: 750 of 1500 documents processed", html, StringComparison.Ordinal);
        Assert.Contains("**The plan run plan-1 rolled back: 750 of 1500 documents processed", markdown, StringComparison.Ordinal);
        foreach (var text in new[] { html, markdown, ReportJson.Write(report) })
        {
            Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
            Assert.DoesNotContain("s3cr3t-salt", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_html_page_is_self_contained_and_escapes_what_the_journal_holds()
    {
        var database = _store.GetDatabase("prod");
        var run = JournalDocuments.Run("import-1", "import", RunStatus.Failed, 1_000, reason: "<script>alert(1)</script> at https://evil.example/x");
        run["collections"] = new BsonDocument("<b>odd</b>", JournalDocuments.Collection(10, 10, 9, 1));
        await database.GetCollection(RunJournal.CollectionName).BulkWriteAsync([new InsertRequest(run)]);

        var html = HtmlReport.Render(await new RunReportBuilder(database).BuildAsync("import-1"));

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("<td>&lt;b&gt;odd&lt;/b&gt;</td>", html, StringComparison.Ordinal);
        Assert.Empty(ExternalReferences(html.Replace("https://evil.example/x", string.Empty, StringComparison.Ordinal)));
        Assert.Equal(["collections"], ChartSections(html));
    }

    /// <summary>Anything a browser would fetch: src/href attributes, CSS url() and @import, and any http(s) URL.</summary>
    internal static IReadOnlyList<string> ExternalReferences(string html) =>
        ExternalReference().Matches(html).Select(m => m.Value).ToList();

    /// <summary>The ids of the chart sections, each checked to hold exactly one chart.</summary>
    internal static IReadOnlyList<string> ChartSections(string html)
    {
        var sections = ChartSection().Matches(html).ToList();
        foreach (var section in sections)
        {
            Assert.Equal(1, Regex.Count(section.Groups["body"].Value, "<svg class=\"chart\""));
        }

        return sections.Select(s => s.Groups["id"].Value).ToList();
    }

    private static void AssertFormatsAgreeWith(BsonDocument journal, RunReport report)
    {
        var json = BsonDocument.Parse(ReportJson.Write(report));
        var html = HtmlReport.Render(report);
        var markdown = MarkdownReport.Render(report);
        foreach (var element in journal["collections"].AsBsonDocument)
        {
            var stored = element.Value.AsBsonDocument;
            var numbers = CountFields.Select(n => stored[n].ToInt64()).ToArray();
            var inJson = json["collections"][element.Name].AsBsonDocument;
            Assert.Equal(numbers, CountFields.Select(n => inJson[n].ToInt64()));
            Assert.Contains($"| {element.Name} | {string.Join(" | ", numbers)} |", markdown, StringComparison.Ordinal);
            Assert.Contains($"<td>{element.Name}</td>{string.Concat(numbers.Select(n => $"<td class=\"num\">{n}</td>"))}", html, StringComparison.Ordinal);
        }

        var s = report.Statistics;
        var statistics = json["statistics"].AsBsonDocument;
        Assert.Equal((s.TotalDocuments, s.ProcessedDocuments, s.ErrorCount, s.ErrorRate, s.SuccessRate),
            (statistics["total_documents"].ToInt64(), statistics["processed_documents"].ToInt64(), statistics["error_count"].ToInt64(), statistics["error_rate"].ToDouble(), statistics["success_rate"].ToDouble()));
        var row = new[] { s.TotalDocuments, s.ProcessedDocuments, s.WrittenDocuments, s.QuarantinedDocuments, s.RunErrors, s.ErrorCount }.Select(RunReport.Number)
            .Concat([RunReport.Number(s.ErrorRate), RunReport.Number(s.SuccessRate)]).ToList();
        Assert.Contains($"| {string.Join(" | ", row)} |", markdown, StringComparison.Ordinal);
        Assert.Contains(string.Concat(row.Select(n => $"<td class=\"num\">{n}</td>")), html, StringComparison.Ordinal);
        Assert.Equal(journal["samples"].AsBsonArray.Select(x => x["documents_per_second"].ToDouble()), json["samples"].AsBsonArray.Select(x => x["documents_per_second"].ToDouble()));
        Assert.Empty(ExternalReferences(html));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex("""(?:\b(?:src|href|action|srcset)\s*=|url\(|@import|https?://)""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();

    [GeneratedRegex("""<section id="(?<id>[a-z-]+)" class="chart-section">(?<body>.*?)</section>""", RegexOptions.Singleline)]
    private static partial Regex ChartSection();
}

using Ferry.Core.Reports;
using Ferry.Core.Runs;
using Ferry.Core.Storage;
using Ferry.Core.Tests.Reports;
using Ferry.Core.Tests.Support;
using Ferry.Core.Validation;
using Ferry.Core.Validation.Rules;
using MongoDB.Bson;

namespace Ferry.Core.Tests.Validation;

/// <summary>
/// A validation is a run in the journal (kind validate), so its report shows each rule's failures (#16): the numbers
/// in the journal and the report are the validator's own, and the journal keeps no sample values.
/// </summary>
public class ValidationRunTests
{
    [Fact]
    public async Task A_failing_validation_is_a_failed_run_whose_report_lists_every_rule_with_its_failures()
    {
        await using var demo = await SeededDemo.CreateAsync(size: 300);
        var rules = RuleSetParser.Load(SeededDemo.SampleFile("validation.yaml"));

        var (report, runId) = await ValidationRun.RunAsync(demo.Demo, rules, "validation.yaml", new ValidationOptions { Time = SeededDemo.Time });

        var run = (await new RunJournal(demo.Demo).GetAsync(runId))!;
        Assert.Equal(("validate", RunStatus.Failed), (run["kind"].AsString, run["status"].AsString));
        Assert.Equal($"{report.FailedRules} rule(s) failed on {report.Invalid} of {report.Checked} document(s)", run["status_reason"].AsString);
        Assert.Equal(report.Collections.Select(c => (c.Name, c.Checked)).OrderBy(c => c.Name, StringComparer.Ordinal),
            run["collections"].AsBsonDocument.Select(e => (e.Name, e.Value["processed"].ToInt64())).OrderBy(c => c.Name, StringComparer.Ordinal));

        var printed = await new RunReportBuilder(demo.Demo, SeededDemo.Time).BuildAsync(runId);
        var expected = report.Collections.SelectMany(c => c.Rules.Select(r => (c.Name, r.Id, r.Failed))).ToList();
        Assert.Equal(expected, printed.Validation.Select(v => (v.Collection, v.Rule, v.Failed)));
        Assert.True(printed.Validation.Count(v => v.Failed > 0) == report.FailedRules && report.FailedRules > 0, "the demo plants failures");
        Assert.Equal(report.Checked, printed.Statistics.ProcessedDocuments);
        Assert.Equal("failed", printed.Status);
        Assert.Contains("<section id=\"validation\"", HtmlReport.Render(printed), StringComparison.Ordinal);
        ReportSchema.AssertValid(ReportJson.Write(printed));
    }

    [Fact]
    public async Task The_journal_keeps_the_failing_documents_ids_and_reasons_but_not_their_values()
    {
        await using var demo = await SeededDemo.CreateAsync(size: 300);
        var rules = RuleSetParser.Load(SeededDemo.SampleFile("validation.yaml"));

        var (report, runId) = await ValidationRun.RunAsync(demo.Demo, rules, null, new ValidationOptions { Time = SeededDemo.Time, SampleSize = 2 });

        var journaled = (await new RunJournal(demo.Demo).GetAsync(runId))!["validation"].AsBsonDocument;
        var samples = journaled["collections"].AsBsonArray.SelectMany(c => c["rules"].AsBsonArray).SelectMany(r => r["samples"].AsBsonArray).Select(s => s.AsBsonDocument).ToList();
        Assert.Equal(report.Collections.SelectMany(c => c.Rules).Sum(r => r.Samples.Count), samples.Count);
        Assert.All(samples, s => Assert.Equal(["_id", "reason"], s.Names));
        Assert.Equal(report.Invalid, journaled["totals"]["invalid"].ToInt64());
    }

    [Fact]
    public async Task A_passing_validation_completes_and_bad_input_writes_no_run()
    {
        await using var demo = await SeededDemo.CreateAsync(size: 100);
        var passing = RuleSetParser.Parse("collections:\n  users:\n    fields:\n      _id:\n        required: true\n", "r.yaml");
        var (report, runId) = await ValidationRun.RunAsync(demo.Demo, passing, "r.yaml", new ValidationOptions { Time = SeededDemo.Time });
        Assert.True(report.Passed);
        Assert.Equal(RunStatus.Completed, (await new RunJournal(demo.Demo).GetAsync(runId))!["status"].AsString);

        var missing = RuleSetParser.Parse("collections:\n  userz:\n    complete: [name]\n", "r.yaml");
        await Assert.ThrowsAsync<Errors.UserInputException>(() => ValidationRun.RunAsync(demo.Demo, missing, "r.yaml", new ValidationOptions()));
        var runs = new List<BsonDocument>();
        await foreach (var run in new RunJournal(demo.Demo).ListAsync())
        {
            runs.Add(run);
        }

        Assert.Equal([runId], runs.Select(r => r["_id"].AsString));
    }
}

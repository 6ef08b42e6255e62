using Xunit.Abstractions;

namespace Ferry.Query.Tests.UpdateSemantics;

/// <summary>
/// Runs every recorded case of tests/data/update-semantics (DocumentDB's regression outputs) through
/// <see cref="Ferry.Query.Updates.UpdateSpec"/>: one test per case, plus a summary with the pass rate.
/// </summary>
public sealed class RecordedUpdateCaseTests(ITestOutputHelper output)
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var c in RecordedCases.All.Values)
        {
            data.Add(c.Id, Describe(c));
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void Recorded_update_case_gives_MongoDBs_result(string caseId, string description)
    {
        var c = RecordedCases.All[caseId];
        var known = KnownDifferences.For(caseId);
        Skip.If(known is { Skip: true }, known?.Reason);
        var (passed, explanation) = CaseChecker.Check(c, known);
        Assert.True(passed, description + "\n" + explanation + (known is null ? "" : "\n  known difference: " + known.Reason));
    }

    [Fact]
    public void All_applicable_recorded_cases_pass()
    {
        var applicable = RecordedCases.All.Values.Where(c => KnownDifferences.For(c.Id) is not { Skip: true }).ToList();
        var failures = applicable
            .Select(c => (Case: c, Result: CaseChecker.Check(c, KnownDifferences.For(c.Id))))
            .Where(r => !r.Result.Passed)
            .ToList();
        var passed = applicable.Count - failures.Count;
        var summary = $"update-semantics: {passed}/{applicable.Count} applicable cases pass ({100.0 * passed / applicable.Count:F1} %), " +
                      $"{RecordedCases.All.Count - applicable.Count} not applicable, {KnownDifferences.All.Count(k => !k.Value.Skip)} asserted as MongoDB differs";
        output.WriteLine(summary);
        Console.WriteLine(summary);
        foreach (var (c, result) in failures)
        {
            output.WriteLine(result.Explanation);
        }

        Assert.True(failures.Count == 0, summary + "\nfailing: " + string.Join(", ", failures.Select(f => f.Case.Id)));
    }

    [Fact]
    public void All_recorded_cases_are_found()
    {
        // tests/data/update-semantics/documentdb-regress/SOURCE.md counts 681 lines calling bson_update_document: 679 cases, plus one inside the $currentDate helper
        // function and one commented out. The 20 calls of that helper (test_update_currentDate) are cases too.
        Assert.Equal(679 + 20, RecordedCases.All.Count);
        Assert.Equal(276, RecordedCases.All.Values.Count(c => c.Check == CaseCheck.Error));
    }

    private static string Describe(RecordedCase c)
    {
        var text = c.Comment + " | " + c.Update;
        return text.Length > 120 ? text[..120] : text;
    }
}

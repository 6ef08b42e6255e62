using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Query.Tests.UpdateSemantics;

/// <summary>Runs a case and compares the outcome with the recorded result (or with MongoDB's documented behaviour
/// where <see cref="KnownDifferences"/> says the recording differs).</summary>
internal static class CaseChecker
{
    public static (bool Passed, string Explanation) Check(RecordedCase c, KnownDifference? known)
    {
        CaseOutcome outcome;
        try
        {
            outcome = CaseRunner.Run(c, known?.UpdateOverride);
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            return (false, c.Id + " (" + c.Comment + ") threw " + e.GetType().Name + ": " + e.Message + "\n  update: " + c.Update);
        }

        var check = known?.Check ?? c.Check;
        var expected = known?.Expected ?? c.Expected;
        var explanation = c.Id + " (" + c.Comment + ")\n  update: " + (known?.UpdateOverride ?? c.Update) + "\n  source: " + c.Source +
                          "\n  query: " + c.Query + (c.ArrayFilters is null ? "" : "\n  arrayFilters: " + c.ArrayFilters) +
                          "\n  expected: " + check + " " + expected + (known?.Code is { } code ? " (code " + code + ")" : "") +
                          "\n  actual: " + outcome;
        var passed = check == CaseCheck.CurrentDate ? CurrentDateFieldsHold(c, outcome) : Passed(outcome, check, expected, known?.Code);
        return (passed, explanation);
    }

    private static bool Passed(CaseOutcome outcome, CaseCheck check, string? expected, int? code)
    {
        if (check == CaseCheck.Error)
        {
            return outcome.Error is not null && (code is null || outcome.Error.Code == code);
        }

        if (outcome.Error is not null)
        {
            return false;
        }

        var doc = outcome.Document!;
        switch (check)
        {
            case CaseCheck.Document:
                return CaseRunner.Canonical(doc) == CaseRunner.Canonical(LenientJson.ParseDocument(expected!));
            case CaseCheck.DocumentWithoutId:
                var withoutId = doc.DeepClone().AsBsonDocument;
                withoutId.Remove("_id");
                return CaseRunner.Canonical(withoutId) == CaseRunner.Canonical(LenientJson.ParseDocument(expected!));
            case CaseCheck.NoOp:
                return !outcome.Modified;
            case CaseCheck.HasId:
                return doc.Contains("_id");
            case CaseCheck.IdEquals:
            case CaseCheck.IdNotEquals:
                var value = LenientJson.ParseDocument(expected!)[""];
                var equal = doc.TryGetValue("_id", out var id) && BsonValueComparer.Instance.Equals(id, value);
                return equal == (check == CaseCheck.IdEquals);
            default:
                return false;
        }
    }

    /// <summary>For <see cref="CaseCheck.CurrentDate"/> cases: every listed field holds the clock's date or timestamp.</summary>
    private static bool CurrentDateFieldsHold(RecordedCase c, CaseOutcome outcome)
    {
        if (outcome.Error is not null)
        {
            return false;
        }

        var doc = outcome.Document!;
        return c.DateFields.All(f => At(doc, f) is BsonDateTime d && d.MillisecondsSinceEpoch == CaseRunner.Now.ToUnixTimeMilliseconds())
               && c.TimestampFields.All(f => At(doc, f) is BsonTimestamp t && t.Timestamp == CaseRunner.Now.ToUnixTimeSeconds());
    }

    private static BsonValue? At(BsonDocument doc, string path)
    {
        BsonValue current = doc;
        foreach (var part in path.Split('.'))
        {
            if (current is not BsonDocument d || !d.TryGetValue(part, out current!))
            {
                return null;
            }
        }

        return current;
    }
}

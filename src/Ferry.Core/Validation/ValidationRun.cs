using Ferry.Core.Runs;
using Ferry.Core.Storage;
using Ferry.Core.Validation.Rules;
using MongoDB.Bson;

namespace Ferry.Core.Validation;

/// <summary>
/// A validation as a run in the journal (kind <c>validate</c>), so <c>ferry report</c>, <c>ferry runs</c>, metrics and
/// notifications see it like any other run: per collection the documents checked and found invalid, and under
/// <c>validation</c> each rule's failure count. The journal keeps the failing documents' ids and reasons but not
/// their values (a sample may be a password hash or an e-mail address; <c>--json</c> shows them to whoever asked).
/// A validation whose rules fail ends <c>failed</c> with the count in its reason.
/// </summary>
public static class ValidationRun
{
    public const string Kind = "validate";

    /// <summary>Validates <paramref name="db"/> against <paramref name="rules"/> as run <c>validate-…</c>; returns the
    /// report and the run id.</summary>
    public static async Task<(ValidationReport Report, string RunId)> RunAsync(
        IDocumentDatabase db, RuleSet rules, string? rulesPath, ValidationOptions options, CancellationToken cancellationToken = default)
    {
        // Bad input (a collection the rules name is missing) is refused before the run exists: nothing written.
        await DataValidator.CheckCollectionsExistAsync(db, rules, cancellationToken).ConfigureAwait(false);
        var runId = JournaledRun.NewId(Kind, options.Time);
        await using var run = await JournaledRun.StartAsync(db, runId, Kind, new BsonDocument
        {
            { "database", db.Name },
            { "store", db.Store.DisplayUri },
            { "rules", (BsonValue?)rulesPath ?? BsonNull.Value },
            { "samples", options.SampleSize },
        }, options.Time, cancellationToken).ConfigureAwait(false);
        try
        {
            var report = await new DataValidator(options).ValidateAsync(db, rules, run.Token).ConfigureAwait(false);
            foreach (var collection in report.Collections)
            {
                // A check writes nothing: "processed" is what it read, "quarantined" stays 0 (nothing was moved).
                run.Track(collection.Name, new CollectionProgress(collection.Checked, collection.Checked, 0, 0));
            }

            await run.SetAsync(new BsonDocument("validation", Journaled(report)), CancellationToken.None).ConfigureAwait(false);
            if (report.Passed)
            {
                await run.CompleteAsync().ConfigureAwait(false);
            }
            else
            {
                await run.CompleteAsync(RunStatus.Failed, $"{report.FailedRules} rule(s) failed on {report.Invalid} of {report.Checked} document(s)").ConfigureAwait(false);
            }

            return (report, runId);
        }
        catch (Exception) when (run.StopRequested && !cancellationToken.IsCancellationRequested)
        {
            throw await run.StoppedAsync("run ferry validate again (a validation only reads)").ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await run.FailedAsync(e).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The report as the journal keeps it: every number, the samples without their values.</summary>
    public static BsonDocument Journaled(ValidationReport report)
    {
        var document = report.ToBson();
        foreach (var rule in document["collections"].AsBsonArray.SelectMany(c => c["rules"].AsBsonArray).OfType<BsonDocument>())
        {
            foreach (var sample in rule["samples"].AsBsonArray.OfType<BsonDocument>())
            {
                sample.Remove("value");
            }
        }

        return document;
    }
}

using Ferry.Query.Common;
using Ferry.Query.Filters;
using Ferry.Query.Updates;
using MongoDB.Bson;
using MongoDB.Bson.IO;

namespace Ferry.Query.Tests.UpdateSemantics;

/// <summary>
/// Runs a recorded case through <see cref="UpdateSpec"/> the way a store would: an empty source document is an
/// upsert (<see cref="UpdateSpec.BuildUpsertDocument"/>, then an ObjectId <c>_id</c> when none), otherwise the query is
/// matched first to find the positional <c>$</c> index, then the update is applied.
/// </summary>
internal static class CaseRunner
{
    public static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);

    public static CaseOutcome Run(RecordedCase c, string? updateOverride = null)
    {
        var context = new QueryContext { Time = new FixedTime(Now) };
        var source = LenientJson.ParseDocument(c.Source!);
        var update = LenientJson.ParseDocument(updateOverride ?? c.Update!)[""];
        var query = LenientJson.ParseDocument(c.Query!);
        // DocumentDB ignores an arrayFilters argument without the "" wrapper (one case passes '{"a": 1}').
        var arrayFilters = c.ArrayFilters is not null && LenientJson.ParseDocument(c.ArrayFilters).TryGetValue("", out var filters)
            ? filters.AsBsonArray.Select(v => v.AsBsonDocument).ToList()
            : null;
        try
        {
            var spec = UpdateSpec.Parse(update, arrayFilters, context);
            if (source.ElementCount == 0)
            {
                var upserted = spec.BuildUpsertDocument(query);
                if (!upserted.Contains("_id"))
                {
                    upserted.InsertAt(0, new BsonElement("_id", ObjectId.GenerateNewId()));
                }

                return CaseOutcome.Of(upserted, true);
            }

            var details = new MatchDetails();
            FilterMatcher.Compile(query, context).Matches(source, details);
            var outcome = spec.Apply(source, details);
            return CaseOutcome.Of(outcome.Document, outcome.Modified);
        }
        catch (MqlException e)
        {
            return CaseOutcome.Failed(e);
        }
    }

    /// <summary>Canonical Extended JSON keeps every type, so equal text means equal documents, order included.</summary>
    public static string Canonical(BsonValue value) =>
        value.ToJson(new JsonWriterSettings { OutputMode = JsonOutputMode.CanonicalExtendedJson });
}

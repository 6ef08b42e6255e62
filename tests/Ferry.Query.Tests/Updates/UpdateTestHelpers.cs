using Ferry.Query.Common;
using Ferry.Query.Filters;
using Ferry.Query.Updates;
using MongoDB.Bson;
using MongoDB.Bson.IO;

namespace Ferry.Query.Tests.Updates;

/// <summary>Short helpers so update tests read as document in, update, document out.</summary>
internal static class UpdateTestHelpers
{
    public static readonly DateTimeOffset Now = new(2026, 3, 4, 5, 6, 7, 890, TimeSpan.Zero);

    public static QueryContext Context => new() { Time = new FixedClock(Now) };

    public static BsonDocument Doc(string json) => BsonDocument.Parse(json);

    /// <summary>Applies <paramref name="update"/> to <paramref name="document"/>, matching <paramref name="filter"/> first for '$'.</summary>
    public static UpdateOutcome Apply(string document, string update, string filter = "{}", string? arrayFilters = null)
    {
        var filters = arrayFilters is null ? null : BsonSerializerHelpers.ParseArray(arrayFilters).Select(v => v.AsBsonDocument).ToList();
        var spec = UpdateSpec.Parse(Doc(update), filters, Context);
        var details = new MatchDetails();
        var doc = Doc(document);
        FilterMatcher.Compile(Doc(filter)).Matches(doc, details);
        return spec.Apply(doc, details);
    }

    /// <summary>Canonical Extended JSON: equal text means equal types, values and field order.</summary>
    public static string Canonical(BsonDocument doc) => doc.ToJson(new JsonWriterSettings { OutputMode = JsonOutputMode.CanonicalExtendedJson });

    public static void AssertDocument(string expected, BsonDocument actual) => Assert.Equal(Canonical(Doc(expected)), Canonical(actual));

    public static MqlException AssertFails(int code, Action action)
    {
        var e = Assert.Throws<MqlException>(action);
        Assert.Equal(code, e.Code);
        return e;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static class BsonSerializerHelpers
    {
        public static BsonArray ParseArray(string json) => BsonDocument.Parse("{ a: " + json + " }")["a"].AsBsonArray;
    }
}

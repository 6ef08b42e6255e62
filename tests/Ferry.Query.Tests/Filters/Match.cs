using Ferry.Query.Common;
using Ferry.Query.Filters;
using MongoDB.Bson;

namespace Ferry.Query.Tests.Filters;

/// <summary>Shorthands for matcher tests written in (relaxed) Extended JSON.</summary>
internal static class Match
{
    public static bool Test(string filter, string document) =>
        FilterMatcher.Compile(BsonDocument.Parse(filter)).Matches(BsonDocument.Parse(document));

    public static int? Position(string filter, string document)
    {
        var details = new MatchDetails();
        Assert.True(FilterMatcher.Compile(BsonDocument.Parse(filter)).Matches(BsonDocument.Parse(document), details));
        return details.ArrayPosition;
    }

    public static MqlException Error(string filter) =>
        Assert.Throws<MqlException>(() => FilterMatcher.Compile(BsonDocument.Parse(filter)));
}

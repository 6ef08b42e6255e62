namespace Ferry.Query.Tests.Filters;

public class MatchDetailsTests
{
    [Theory]
    [InlineData("{ a: 3 }", "{ a: [1, 2, 3] }", 2)]
    [InlineData("{ a: { $gt: 1 } }", "{ a: [1, 2, 3] }", 1)]
    [InlineData("{ 'a.b': 5 }", "{ a: [{ b: 1 }, { b: 5 }] }", 1)]
    [InlineData("{ 'a.b': 2 }", "{ a: [{ b: [1] }, { b: [9, 2] }] }", 1)]
    [InlineData("{ a: { $elemMatch: { b: 5 } } }", "{ a: [{ b: 1 }, { b: 5 }] }", 1)]
    [InlineData("{ a: { $elemMatch: { $gte: 5 } } }", "{ a: [1, 5, 6] }", 1)]
    [InlineData("{ 'a.b': { $elemMatch: { $gte: 5 } } }", "{ a: [{ b: [1] }, { b: [5] }] }", 1)]
    [InlineData("{ x: 1, a: 3 }", "{ x: 1, a: [3] }", 0)]
    [InlineData("{ $and: [{ a: 2 }] }", "{ a: [1, 2] }", 1)]
    // The last condition that records a position wins.
    [InlineData("{ a: 3, b: 6 }", "{ a: [1, 2, 3], b: [5, 6] }", 1)]
    [InlineData("{ b: { $all: [{ $elemMatch: { c: 2 } }, { $elemMatch: { c: 3 } }] } }", "{ b: [{ c: 1 }, { c: 2 }, { c: 3 }] }", 2)]
    [InlineData("{ b: { $in: [5, 6] } }", "{ b: [4, 5, 6] }", 1)]
    [InlineData("{ b: { $elemMatch: { } } }", "{ b: [4, { c: 5 }, 6] }", 1)]
    // MongoDB rewrites a one-clause $or to its clause and an $or of equalities on one path to $in.
    [InlineData("{ $or: [{ b: 5 }] }", "{ b: [4, 5, 6] }", 1)]
    [InlineData("{ $or: [{ b: 5 }, { b: 6 }] }", "{ b: [4, 5, 6] }", 1)]
    public void Position_of_the_matching_array_element_is_recorded(string filter, string document, int position) =>
        Assert.Equal(position, Match.Position(filter, document));

    [Theory]
    [InlineData("{ a: 1 }", "{ a: 1 }")]
    [InlineData("{ a: [1, 2] }", "{ a: [1, 2] }")]
    [InlineData("{ 'a.1': 2 }", "{ a: [1, 2] }")]
    [InlineData("{ $or: [{ a: 2 }, { b: 1 }] }", "{ a: [1, 2] }")]
    [InlineData("{ $nor: [{ b: 5 }] }", "{ b: [4, 6] }")]
    [InlineData("{ b: { $not: { $eq: 8 } } }", "{ b: [4, 6] }")]
    [InlineData("{ b: { $ne: 5 } }", "{ b: [4, 6] }")]
    public void No_position_without_implicit_array_traversal(string filter, string document) =>
        Assert.Null(Match.Position(filter, document));

    [Fact]
    public void A_failed_match_leaves_no_position()
    {
        var details = new Ferry.Query.Filters.MatchDetails { ArrayPosition = 9 };
        var matcher = Ferry.Query.Filters.FilterMatcher.Compile(MongoDB.Bson.BsonDocument.Parse("{ a: 2, b: 1 }"));
        Assert.False(matcher.Matches(MongoDB.Bson.BsonDocument.Parse("{ a: [1, 2], b: 2 }"), details));
        Assert.Null(details.ArrayPosition);
    }
}

using Ferry.Query.Filters;
using MongoDB.Bson;

namespace Ferry.Query.Tests.Filters;

public class EqualityConstraintsTests
{
    private static string Describe(string filter) =>
        string.Join("; ", FilterMatcher.Compile(BsonDocument.Parse(filter)).EqualityConstraints
            .Select(c => c.Path + "=" + c.Value.ToJson()));

    [Theory]
    [InlineData("{ a: 1, 'b.c': 'x' }", "a=1; b.c=\"x\"")]
    [InlineData("{ a: { $eq: 2 } }", "a=2")]
    [InlineData("{ a: { $eq: 2, $gt: 0 } }", "a=2")]
    [InlineData("{ a: { $gt: 2 } }", "")]
    [InlineData("{ a: /x/ }", "")]
    [InlineData("{ a: { $in: [3] } }", "a=3")]
    [InlineData("{ a: { $in: [3, 4] } }", "")]
    [InlineData("{ $and: [{ a: 1 }, { $and: [{ b: 2 }] }] }", "a=1; b=2")]
    [InlineData("{ $or: [{ a: 1 }] }", "a=1")]
    [InlineData("{ $or: [{ a: 1 }, { b: 2 }] }", "")]
    [InlineData("{ a: { b: 1 } }", "a={ \"b\" : 1 }")]
    [InlineData("{ _id: 7, $comment: 'x' }", "_id=7")]
    public void Equalities_that_every_match_satisfies_are_listed(string filter, string expected) =>
        Assert.Equal(expected, Describe(filter));
}

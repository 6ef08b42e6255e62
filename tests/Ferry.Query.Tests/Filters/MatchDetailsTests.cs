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
    public void Position_of_the_matching_array_element_is_recorded(string filter, string document, int position) =>
        Assert.Equal(position, Match.Position(filter, document));

    [Theory]
    [InlineData("{ a: 1 }", "{ a: 1 }")]
    [InlineData("{ a: [1, 2] }", "{ a: [1, 2] }")]
    [InlineData("{ 'a.1': 2 }", "{ a: [1, 2] }")]
    [InlineData("{ $or: [{ a: 2 }, { b: 1 }] }", "{ a: [1, 2] }")]
    public void No_position_without_implicit_array_traversal(string filter, string document) =>
        Assert.Null(Match.Position(filter, document));
}

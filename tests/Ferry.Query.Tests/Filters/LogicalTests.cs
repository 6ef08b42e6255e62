namespace Ferry.Query.Tests.Filters;

public class LogicalTests
{
    [Theory]
    [InlineData("{ $and: [{ a: 1 }, { b: 2 }] }", "{ a: 1, b: 2 }", true)]
    [InlineData("{ $and: [{ a: 1 }, { b: 2 }] }", "{ a: 1, b: 3 }", false)]
    [InlineData("{ $or: [{ a: 1 }, { b: 2 }] }", "{ a: 0, b: 2 }", true)]
    [InlineData("{ $or: [{ a: 1 }, { b: 2 }] }", "{ a: 0, b: 0 }", false)]
    [InlineData("{ $nor: [{ a: 1 }, { b: 2 }] }", "{ a: 0, b: 0 }", true)]
    [InlineData("{ $nor: [{ a: 1 }, { b: 2 }] }", "{ a: 1 }", false)]
    [InlineData("{ $nor: [{ a: 1 }] }", "{ }", true)]
    [InlineData("{ a: 1, $or: [{ b: 1 }, { c: 1 }] }", "{ a: 1, c: 1 }", true)]
    [InlineData("{ a: 1, $or: [{ b: 1 }, { c: 1 }] }", "{ a: 2, c: 1 }", false)]
    [InlineData("{ $and: [{ $or: [{ a: 1 }, { a: 2 }] }, { $or: [{ b: 1 }, { b: 2 }] }] }", "{ a: 2, b: 1 }", true)]
    [InlineData("{ $comment: 'why', a: 1 }", "{ a: 1 }", true)]
    [InlineData("{ $or: [{ a: 1 }, { a: /x/ }] }", "{ a: 'yxy' }", true)]
    [InlineData("{ $or: [{ a: 1 }, { a: null }] }", "{ }", true)]
    [InlineData("{ $or: [{ a: 1 }, { a: 2 }] }", "{ a: [3, 2] }", true)]
    [InlineData("{ $or: [{ a: 1 }, { a: 2 }] }", "{ a: 3 }", false)]
    [InlineData("{ $alwaysFalse: 1 }", "{ a: 1 }", false)]
    [InlineData("{ $alwaysTrue: 1 }", "{ a: 1 }", true)]
    public void Logical_operators_combine_clauses(string filter, string document, bool expected) =>
        Assert.Equal(expected, Match.Test(filter, document));

    [Theory]
    [InlineData("{ a: { $not: { $gt: 5 } } }", "{ a: 3 }", true)]
    [InlineData("{ a: { $not: { $gt: 5 } } }", "{ a: 7 }", false)]
    [InlineData("{ a: { $not: { $gt: 5 } } }", "{ }", true)]
    [InlineData("{ a: { $not: { $gt: 5 } } }", "{ a: 'x' }", true)]
    [InlineData("{ a: { $not: { $gt: 5 } } }", "{ a: [1, 7] }", false)]
    [InlineData("{ a: { $not: { $gt: 1, $lt: 5 } } }", "{ a: 3 }", false)]
    [InlineData("{ a: { $not: { $gt: 1, $lt: 5 } } }", "{ a: 6 }", true)]
    [InlineData("{ a: { $not: { $size: 2 } } }", "{ a: [1] }", true)]
    public void Not_negates_the_whole_path_test(string filter, string document, bool expected) =>
        Assert.Equal(expected, Match.Test(filter, document));
}

namespace Ferry.Query.Tests.Filters;

public class ComparisonTests
{
    [Theory]
    [InlineData("{ a: { $gt: 1 } }", "{ a: 2 }", true)]
    [InlineData("{ a: { $gt: 1 } }", "{ a: 1 }", false)]
    [InlineData("{ a: { $gte: 1 } }", "{ a: 1.0 }", true)]
    [InlineData("{ a: { $lt: 1 } }", "{ a: NumberLong(0) }", true)]
    [InlineData("{ a: { $lte: 1 } }", "{ a: NumberDecimal('1.0') }", true)]
    [InlineData("{ a: { $lt: 1 } }", "{ a: 1.5 }", false)]
    [InlineData("{ a: { $gt: 'abc' } }", "{ a: 'abd' }", true)]
    [InlineData("{ a: { $gt: 'abc' } }", "{ a: 'ab' }", false)]
    public void Ordering_operators_compare_within_a_type(string filter, string document, bool expected) =>
        Assert.Equal(expected, Match.Test(filter, document));

    [Theory]
    [InlineData("{ a: { $gt: 1 } }", "{ a: 'x' }", false)]
    [InlineData("{ a: { $lt: 'x' } }", "{ a: 1 }", false)]
    [InlineData("{ a: { $gt: 1 } }", "{ a: true }", false)]
    [InlineData("{ a: { $lt: 1 } }", "{ a: null }", false)]
    [InlineData("{ a: { $lt: 1 } }", "{ }", false)]
    [InlineData("{ a: { $gte: ISODate('2020-01-01T00:00:00Z') } }", "{ a: ISODate('2021-01-01T00:00:00Z') }", true)]
    [InlineData("{ a: { $gte: ISODate('2020-01-01T00:00:00Z') } }", "{ a: 5 }", false)]
    public void Ordering_operators_never_cross_type_brackets(string filter, string document, bool expected) =>
        Assert.Equal(expected, Match.Test(filter, document));

    [Theory]
    [InlineData("{ a: { $gt: { $minKey: 1 } } }", "{ a: 'x' }", true)]
    [InlineData("{ a: { $gt: { $minKey: 1 } } }", "{ a: null }", true)]
    [InlineData("{ a: { $lt: { $maxKey: 1 } } }", "{ a: 5 }", true)]
    [InlineData("{ a: { $gt: { $maxKey: 1 } } }", "{ a: 5 }", false)]
    [InlineData("{ a: { $lt: { $minKey: 1 } } }", "{ a: 5 }", false)]
    [InlineData("{ a: { $gt: { $minKey: 1 } } }", "{ }", true)]
    [InlineData("{ a: { $lte: { $maxKey: 1 } } }", "{ }", true)]
    [InlineData("{ a: { $eq: { $maxKey: 1 } } }", "{ }", false)]
    [InlineData("{ a: { $gte: { $minKey: 1 } } }", "{ a: { $minKey: 1 } }", true)]
    public void MinKey_and_MaxKey_bound_every_type(string filter, string document, bool expected) =>
        Assert.Equal(expected, Match.Test(filter, document));

    [Theory]
    [InlineData("{ a: { $gte: null } }", "{ }", true)]
    [InlineData("{ a: { $gte: null } }", "{ a: null }", true)]
    [InlineData("{ a: { $lte: null } }", "{ a: null }", true)]
    [InlineData("{ a: { $gt: null } }", "{ a: null }", false)]
    [InlineData("{ a: { $lt: null } }", "{ }", false)]
    [InlineData("{ a: { $gte: null } }", "{ a: 1 }", false)]
    public void Null_bounds_match_null_and_missing_only_when_inclusive(string filter, string document, bool expected) =>
        Assert.Equal(expected, Match.Test(filter, document));

    [Theory]
    [InlineData("{ a: { $gt: NaN } }", "{ a: 1 }", false)]
    [InlineData("{ a: { $lt: 1 } }", "{ a: NaN }", false)]
    [InlineData("{ a: { $gte: NaN } }", "{ a: NaN }", true)]
    [InlineData("{ a: NaN }", "{ a: NaN }", true)]
    [InlineData("{ a: { $lte: NaN } }", "{ a: -Infinity }", false)]
    public void NaN_equals_only_NaN_and_is_never_ordered(string filter, string document, bool expected) =>
        Assert.Equal(expected, Match.Test(filter, document));

    [Theory]
    // MongoDB docs "Query an Array": each condition may be met by a different element ...
    [InlineData("{ dim: { $gt: 15, $lt: 20 } }", "{ dim: [10, 25] }", true)]
    [InlineData("{ dim: { $gt: 15, $lt: 20 } }", "{ dim: [10, 12] }", false)]
    // ... unless $elemMatch asks for one element.
    [InlineData("{ dim: { $elemMatch: { $gt: 15, $lt: 20 } } }", "{ dim: [10, 25] }", false)]
    [InlineData("{ dim: { $elemMatch: { $gt: 15, $lt: 20 } } }", "{ dim: [10, 18] }", true)]
    [InlineData("{ 'dim.1': { $gt: 25 } }", "{ dim: [14, 30] }", true)]
    [InlineData("{ 'dim.1': { $gt: 25 } }", "{ dim: [30, 14] }", false)]
    [InlineData("{ a: { $gt: [1] } }", "{ a: [2] }", true)]
    [InlineData("{ a: { $gt: 5 } }", "{ a: [[10]] }", false)]
    public void Ordering_operators_test_array_elements(string filter, string document, bool expected) =>
        Assert.Equal(expected, Match.Test(filter, document));
}

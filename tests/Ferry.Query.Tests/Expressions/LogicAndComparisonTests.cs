using static Ferry.Query.Tests.Expressions.ExpressionAssert;

namespace Ferry.Query.Tests.Expressions;

public class LogicAndComparisonTests
{
    [Theory]
    [InlineData("{ $eq: [1, 1.0] }", "true")]
    [InlineData("{ $eq: ['$missing', null] }", "false")]
    [InlineData("{ $lt: ['$missing', null] }", "true")]
    [InlineData("{ $gt: ['a', 5] }", "true")]
    [InlineData("{ $ne: [[1, 2], [1, 2]] }", "false")]
    [InlineData("{ $gte: [2, 2] }", "true")]
    [InlineData("{ $lte: [3, 2] }", "false")]
    [InlineData("{ $cmp: ['b', 'a'] }", "1")]
    [InlineData("{ $cmp: [1, 2] }", "-1")]
    [InlineData("{ $cmp: [{ a: 1 }, { a: 1 }] }", "0")]
    [InlineData("{ $and: [1, 'x', []] }", "true")]
    [InlineData("{ $and: [1, 0] }", "false")]
    [InlineData("{ $and: [] }", "true")]
    [InlineData("{ $or: [null, '$missing', 0] }", "false")]
    [InlineData("{ $or: [null, NumberDecimal('0.1')] }", "true")]
    [InlineData("{ $not: [null] }", "true")]
    [InlineData("{ $not: '' }", "false")]
    [InlineData("{ $cond: [true, 'y', 'n'] }", "'y'")]
    [InlineData("{ $cond: { if: 0, then: 'y', else: 'n' } }", "'n'")]
    [InlineData("{ $ifNull: ['$missing', null, 'fallback'] }", "'fallback'")]
    [InlineData("{ $ifNull: [0, 'fallback'] }", "0")]
    [InlineData("{ $switch: { branches: [ { case: false, then: 1 }, { case: true, then: 2 } ] } }", "2")]
    [InlineData("{ $switch: { branches: [ { case: false, then: 1 } ], default: 3 } }", "3")]
    public void Evaluates_like_MongoDB(string expression, string expected) => Yields(expected, expression);

    [Fact]
    public void And_short_circuits_before_an_error() => Yields("false", "{ $and: [false, { $divide: ['$a', 0] }] }", "{ a: 1 }");

    [Fact]
    public void Cond_evaluates_only_the_chosen_branch() => Yields("1", "{ $cond: [true, 1, { $divide: ['$a', 0] }] }", "{ a: 1 }");

    [Fact]
    public void Cond_without_else_fails() => Fails(17082, "{ $cond: { if: true, then: 1 } }");

    [Fact]
    public void Cond_with_unknown_parameter_fails() => Fails(17083, "{ $cond: { if: true, then: 1, else: 2, x: 3 } }");

    [Fact]
    public void Switch_without_a_match_or_default_fails() => Fails(40066, "{ $switch: { branches: [ { case: false, then: 1 } ] } }");

    [Fact]
    public void IfNull_with_last_argument_missing_is_missing() => YieldsMissing("{ $ifNull: [null, '$missing'] }");

    [Fact]
    public void Eq_with_one_argument_fails() => Fails(16020, "{ $eq: [1] }");
}

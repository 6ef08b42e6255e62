using static Ferry.Query.Tests.Expressions.ExpressionAssert;

namespace Ferry.Query.Tests.Expressions;

/// <summary>Cases from MongoDB's own test of $round and $trunc (jstests/aggregation/expressions/round_trunc.js).</summary>
public class RoundTruncRecordedTests
{
    [Theory]
    [InlineData("{ $trunc: NumberLong(4) }", "NumberLong(4)")]
    [InlineData("{ $trunc: NaN }", "NaN")]
    [InlineData("{ $trunc: -Infinity }", "-Infinity")]
    [InlineData("{ $trunc: null }", "null")]
    [InlineData("{ $trunc: 0.9 }", "0.0")]
    [InlineData("{ $trunc: -1.2 }", "-1.0")]
    [InlineData("{ $trunc: NumberDecimal('-1.6') }", "NumberDecimal('-1')")]
    [InlineData("{ $round: 0.9 }", "1.0")]
    [InlineData("{ $round: -1.2 }", "-1.0")]
    [InlineData("{ $round: NumberDecimal('-1.6') }", "NumberDecimal('-2')")]
    [InlineData("{ $trunc: [1.298, 1] }", "1.2")]
    [InlineData("{ $trunc: [23.298, -1] }", "20.0")]
    [InlineData("{ $trunc: [NumberDecimal('1.298'), 1] }", "NumberDecimal('1.2')")]
    [InlineData("{ $trunc: [NumberDecimal('23.298'), -1] }", "NumberDecimal('2E+1')")]
    [InlineData("{ $trunc: [1.298, 100] }", "1.298")]
    [InlineData("{ $trunc: [NumberDecimal('1.298912343250054252245154325'), NumberLong(20)] }", "NumberDecimal('1.29891234325005425224')")]
    [InlineData("{ $round: [1.298, 1] }", "1.3")]
    [InlineData("{ $round: [NumberDecimal('23.298'), -1] }", "NumberDecimal('2E+1')")]
    [InlineData("{ $round: [NumberDecimal('1.298912343250054252245154325'), NumberLong(20)] }", "NumberDecimal('1.29891234325005425225')")]
    [InlineData("{ $round: [2147483647, -1] }", "NumberLong(2147483650)")]
    [InlineData("{ $round: [NumberDecimal('NaN'), 0] }", "NumberDecimal('NaN')")]
    [InlineData("{ $trunc: [NumberDecimal('-Infinity'), 0] }", "NumberDecimal('-Infinity')")]
    public void Rounds_as_MongoDB_expects(string expression, string expected) => Yields(expected, expression);

    [Theory]
    [InlineData("{ $round: [NumberLong('9223372036854775806'), -1] }", 51080)]
    [InlineData("{ $trunc: [1, 2, 3] }", 28667)]
    [InlineData("{ $round: 'string' }", 51081)]
    [InlineData("{ $round: [1, NumberLong(101)] }", 51083)]
    [InlineData("{ $trunc: [1, -21] }", 51083)]
    [InlineData("{ $round: [1, NumberDecimal('1.4')] }", 51082)]
    [InlineData("{ $trunc: [1, 10.5] }", 51082)]
    public void Invalid_arguments_fail_with_MongoDB_codes(string expression, int code) => Fails(code, expression);
}

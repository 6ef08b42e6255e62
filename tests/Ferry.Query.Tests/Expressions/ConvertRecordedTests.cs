using static Ferry.Query.Tests.Expressions.ExpressionAssert;

namespace Ferry.Query.Tests.Expressions;

/// <summary>Conversions with the results MongoDB's own test (jstests/aggregation/expressions/convert.js) expects.</summary>
public class ConvertRecordedTests
{
    [Theory]
    [InlineData("1.9", "'double'", "1.9")]
    [InlineData("1.9", "'string'", "'1.9'")]
    [InlineData("1.9", "'bool'", "true")]
    [InlineData("1.9", "'date'", "ISODate('1970-01-01T00:00:00.001Z')")]
    [InlineData("1.9", "'int'", "1")]
    [InlineData("1.9", "'long'", "NumberLong(1)")]
    [InlineData("2.5", "'decimal'", "NumberDecimal('2.50000000000000')")]
    [InlineData("'1.9'", "'double'", "1.9")]
    [InlineData("'0123456789abcdef01234567'", "'objectId'", "ObjectId('0123456789abcdef01234567')")]
    [InlineData("''", "'bool'", "true")]
    [InlineData("'1970-01-01T00:00:00.001Z'", "'date'", "ISODate('1970-01-01T00:00:00.001Z')")]
    [InlineData("'1'", "'int'", "1")]
    [InlineData("'1.9'", "'decimal'", "NumberDecimal('1.9')")]
    [InlineData("ObjectId('0123456789abcdef01234567')", "'date'", "ISODate('1970-08-09T22:25:43Z')")]
    [InlineData("false", "'double'", "0.0")]
    [InlineData("false", "'string'", "'false'")]
    [InlineData("ISODate('1970-01-01T00:00:00.123Z')", "'double'", "123.0")]
    [InlineData("ISODate('1970-01-01T00:00:00.123Z')", "'decimal'", "NumberDecimal('123')")]
    [InlineData("NumberLong(1)", "'date'", "ISODate('1970-01-01T00:00:00.001Z')")]
    [InlineData("NumberDecimal('1.9')", "'date'", "ISODate('1970-01-01T00:00:00.001Z')")]
    [InlineData("NumberDecimal('1.9')", "'int'", "1")]
    [InlineData("[1, 2]", "'bool'", "true")]
    [InlineData("MinKey", "'bool'", "true")]
    public void Converts_as_MongoDB_expects(string input, string to, string expected) =>
        Yields(expected, "{ $convert: { input: { $literal: " + input + " }, to: " + to + " } }");

    [Theory]
    [InlineData("1.9", "'objectId'")]
    [InlineData("ObjectId('0123456789abcdef01234567')", "'int'")]
    [InlineData("false", "'date'")]
    [InlineData("ISODate('1970-01-01T00:00:00.123Z')", "'int'")]
    [InlineData("1", "'date'")]
    [InlineData("1.9", "'minKey'")]
    [InlineData("1.9", "'missing'")]
    [InlineData("1.9", "'object'")]
    [InlineData("1.9", "'timestamp'")]
    public void Illegal_conversion_fails_and_onError_applies(string input, string to)
    {
        Fails(241, "{ $convert: { input: { $literal: " + input + " }, to: " + to + " } }");
        Yields("'ERROR'", "{ $convert: { input: { $literal: " + input + " }, to: " + to + ", onError: 'ERROR' } }");
    }

    [Fact]
    public void Nullish_input_gives_onNull_even_when_to_is_null() =>
        Yields("'NULL'", "{ $convert: { input: '$missing', to: null, onNull: 'NULL' } }");

    [Fact]
    public void Error_in_the_input_expression_is_not_caught_by_onError() =>
        Fails(2, "{ $convert: { input: { $divide: ['$a', 0] }, to: 'string', onError: 'ERROR' } }", "{ a: 1 }");

    [Fact]
    public void Unknown_type_name_is_a_parse_error() => Fails(2, "{ $convert: { input: 1, to: 'nope', onError: 'ERROR' } }");
}

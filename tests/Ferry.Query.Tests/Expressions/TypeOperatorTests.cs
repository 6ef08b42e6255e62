using static Ferry.Query.Tests.Expressions.ExpressionAssert;

namespace Ferry.Query.Tests.Expressions;

public class TypeOperatorTests
{
    [Theory]
    [InlineData("{ $type: 1 }", "'int'")]
    [InlineData("{ $type: '$missing' }", "'missing'")]
    [InlineData("{ $type: [[1]] }", "'array'")]
    [InlineData("{ $type: NumberDecimal('1') }", "'decimal'")]
    [InlineData("{ $isNumber: NumberLong(1) }", "true")]
    [InlineData("{ $isNumber: '1' }", "false")]
    [InlineData("{ $isArray: [[1]] }", "true")]
    [InlineData("{ $isArray: '$missing' }", "false")]
    [InlineData("{ $toString: 1.5 }", "'1.5'")]
    [InlineData("{ $toString: NumberLong(7) }", "'7'")]
    [InlineData("{ $toString: true }", "'true'")]
    [InlineData("{ $toString: ISODate('2020-05-06T07:08:09.010Z') }", "'2020-05-06T07:08:09.010Z'")]
    [InlineData("{ $toString: ObjectId('5f1d7a1c9d1e8a1b2c3d4e5f') }", "'5f1d7a1c9d1e8a1b2c3d4e5f'")]
    [InlineData("{ $toString: null }", "null")]
    [InlineData("{ $toInt: '42' }", "42")]
    [InlineData("{ $toInt: 4.9 }", "4")]
    [InlineData("{ $toInt: -4.9 }", "-4")]
    [InlineData("{ $toInt: true }", "1")]
    [InlineData("{ $toLong: ISODate('1970-01-01T00:00:01Z') }", "NumberLong(1000)")]
    [InlineData("{ $toDouble: '2.5' }", "2.5")]
    [InlineData("{ $toDouble: 3 }", "3.0")]
    [InlineData("{ $toDecimal: 2 }", "NumberDecimal('2')")]
    [InlineData("{ $toBool: 0 }", "false")]
    [InlineData("{ $toBool: 'false' }", "true")]
    [InlineData("{ $toDate: NumberLong(0) }", "ISODate('1970-01-01T00:00:00Z')")]
    [InlineData("{ $toDate: '2021-02-03T04:05:06Z' }", "ISODate('2021-02-03T04:05:06Z')")]
    [InlineData("{ $toDate: '2021-02-03' }", "ISODate('2021-02-03T00:00:00Z')")]
    [InlineData("{ $toObjectId: '5f1d7a1c9d1e8a1b2c3d4e5f' }", "ObjectId('5f1d7a1c9d1e8a1b2c3d4e5f')")]
    [InlineData("{ $convert: { input: 'abc', to: 'int', onError: -1 } }", "-1")]
    [InlineData("{ $convert: { input: null, to: 'int', onNull: 0 } }", "0")]
    [InlineData("{ $convert: { input: '$missing', to: 'int' } }", "null")]
    [InlineData("{ $convert: { input: '7', to: 18 } }", "NumberLong(7)")]
    public void Converts_like_MongoDB(string expression, string expected) => Yields(expected, expression);

    [Fact]
    public void Unparseable_number_is_a_conversion_failure()
    {
        var error = Fails(241, "{ $toInt: 'abc' }");
        Assert.Equal("ConversionFailure", error.CodeName);
        Assert.Equal("Failed to parse number 'abc' in $convert with no onError value: Did not consume whole string.", error.Message);
    }

    [Fact]
    public void Int_overflow_is_a_conversion_failure() => Fails(241, "{ $toInt: NumberLong('3000000000') }");

    [Fact]
    public void Unsupported_conversion_fails() => Fails(241, "{ $toDate: 5 }");

    [Fact]
    public void Unknown_target_type_fails() => Fails(2, "{ $convert: { input: 1, to: 'foo' } }");
}

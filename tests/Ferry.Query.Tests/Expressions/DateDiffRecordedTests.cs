using static Ferry.Query.Tests.Expressions.ExpressionAssert;

namespace Ferry.Query.Tests.Expressions;

/// <summary>Cases from MongoDB's own test of $dateDiff (jstests/aggregation/expressions/date_diff.js).</summary>
public class DateDiffRecordedTests
{
    private const string Diff = "{ $dateDiff: { startDate: '$startDate', endDate: '$endDate', unit: '$unit', timezone: '$timeZone', startOfWeek: '$startOfWeek' } }";

    [Theory]
    [InlineData("{ startDate: ISODate('2020-11-01T18:23:36Z'), endDate: ISODate('2020-11-02T00:00:00Z'), unit: 'hour', timeZone: 'America/New_York', startOfWeek: 'IGNORED' }", "NumberLong(6)")]
    [InlineData("{ endDate: 1, unit: 'century', timeZone: 'INVALID' }", "null")]
    [InlineData("{ startDate: null, endDate: ISODate('2020-11-01T18:23:36Z'), unit: 'hour', timeZone: 'UTC' }", "null")]
    [InlineData("{ startDate: '', unit: 'epoch', timeZone: 'INVALID' }", "null")]
    [InlineData("{ startDate: 1, endDate: 2, timeZone: 'INVALID' }", "null")]
    [InlineData("{ startDate: 1, endDate: 2, unit: 'century' }", "null")]
    [InlineData("{ startDate: ISODate('2021-01-24T18:23:36Z'), endDate: ISODate('2021-01-25T02:23:36Z'), unit: 'week', timeZone: 'GMT', startOfWeek: 'MONDAY' }", "NumberLong(1)")]
    [InlineData("{ startDate: ISODate('2021-01-17T05:00:00Z'), endDate: ISODate('2021-01-17T04:59:00Z'), unit: 'week', timeZone: 'America/New_York', startOfWeek: 'sunday' }", "NumberLong(-1)")]
    [InlineData("{ startDate: ISODate('2020-11-01T18:23:36Z'), endDate: ISODate('2020-11-01T18:23:36Z'), unit: 'week', startOfWeek: null }", "null")]
    [InlineData("{ startDate: 1, endDate: 2, unit: 'week', timeZone: 1 }", "null")]
    [InlineData("{ startDate: ISODate('2020-11-01T18:23:36Z'), endDate: ISODate('2020-11-01T18:23:36Z'), unit: 'hour', timeZone: 'GMT', startOfWeek: 1 }", "NumberLong(0)")]
    public void Computes_or_returns_null_as_MongoDB_does(string document, string expected) => Yields(expected, Diff, document);

    [Fact]
    public void Week_defaults_to_starting_on_Sunday() =>
        Yields("NumberLong(0)", "{ $dateDiff: { startDate: ISODate('2021-01-24T18:23:36Z'), endDate: ISODate('2021-01-25T02:23:36Z'), unit: 'week' } }");

    [Theory]
    [InlineData("{ startDate: 'string', endDate: ISODate('2020-11-01T18:23:36Z'), unit: 'hour', timeZone: 'UTC' }", 5166307)]
    [InlineData("{ startDate: ISODate('2020-11-01T18:23:36Z'), endDate: 1, unit: 'hour', timeZone: 'UTC' }", 5166307)]
    [InlineData("{ startDate: ISODate('2020-11-01T18:23:36Z'), endDate: ISODate('2020-11-01T18:23:36Z'), unit: 5, timeZone: 'UTC' }", 5439013)]
    [InlineData("{ startDate: ISODate('2020-11-01T18:23:36Z'), endDate: ISODate('2020-11-01T18:23:36Z'), unit: 'decade', timeZone: 'UTC' }", 5439014)]
    [InlineData("{ startDate: ISODate('2020-11-01T18:23:36Z'), endDate: ISODate('2020-11-01T18:23:36Z'), unit: 'hour', timeZone: 1 }", 40517)]
    [InlineData("{ startDate: ISODate('2020-11-01T18:23:36Z'), endDate: ISODate('2020-11-01T18:23:36Z'), unit: 'hour', timeZone: 'America/Invalid' }", 40485)]
    [InlineData("{ startDate: ISODate('2020-11-01T18:23:36Z'), endDate: ISODate('2020-11-01T18:23:36Z'), unit: 'week', timeZone: 'GMT', startOfWeek: 1 }", 5439015)]
    [InlineData("{ startDate: ISODate('2020-11-01T18:23:36Z'), endDate: ISODate('2020-11-01T18:23:36Z'), unit: 'week', timeZone: 'GMT', startOfWeek: 'FRIDIE' }", 5439016)]
    public void Invalid_arguments_fail_with_MongoDB_codes(string document, int code) => Fails(code, Diff, document);
}

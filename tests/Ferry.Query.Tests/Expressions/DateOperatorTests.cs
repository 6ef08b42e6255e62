using static Ferry.Query.Tests.Expressions.ExpressionAssert;

namespace Ferry.Query.Tests.Expressions;

public class DateOperatorTests
{
    private const string Doc = "{ d: ISODate('2021-01-03T23:04:05.678Z') }";

    [Theory]
    [InlineData("{ $year: '$d' }", "2021")]
    [InlineData("{ $month: '$d' }", "1")]
    [InlineData("{ $dayOfMonth: '$d' }", "3")]
    [InlineData("{ $hour: '$d' }", "23")]
    [InlineData("{ $minute: '$d' }", "4")]
    [InlineData("{ $second: '$d' }", "5")]
    [InlineData("{ $millisecond: '$d' }", "678")]
    [InlineData("{ $dayOfWeek: '$d' }", "1")]
    [InlineData("{ $dayOfYear: '$d' }", "3")]
    [InlineData("{ $week: '$d' }", "1")]
    [InlineData("{ $isoWeek: '$d' }", "53")]
    [InlineData("{ $hour: { date: '$d', timezone: '+02:00' } }", "1")]
    [InlineData("{ $dayOfMonth: { date: '$d', timezone: 'Europe/Berlin' } }", "4")]
    [InlineData("{ $year: '$missing' }", "null")]
    [InlineData("{ $dateToString: { date: '$d' } }", "'2021-01-03T23:04:05.678Z'")]
    [InlineData("{ $dateToString: { date: '$d', format: '%Y/%m/%d %H:%M %j %%' } }", "'2021/01/03 23:04 003 %'")]
    [InlineData("{ $dateToString: { date: '$d', format: '%H:%M %z', timezone: '-0530' } }", "'17:34 -0530'")]
    [InlineData("{ $dateToString: { date: '$missing', onNull: 'none' } }", "'none'")]
    [InlineData("{ $dateToString: { date: '$d', timezone: '+01:00' } }", "'2021-01-04T00:04:05.678'")]
    [InlineData("{ $dateToString: { date: '$d', format: '%b %B %w %u %U %V %G' } }", "'Jan January 1 7 01 53 2020'")]
    [InlineData("{ $dateToString: { date: '$d', format: '%Z', timezone: 'America/New_York' } }", "'-300'")]
    [InlineData("{ $dateFromString: { dateString: '2021-06-07T08:09:10.500Z' } }", "ISODate('2021-06-07T08:09:10.500Z')")]
    [InlineData("{ $dateFromString: { dateString: '2021-06-07 08:09', timezone: '+01:00' } }", "ISODate('2021-06-07T07:09:00Z')")]
    [InlineData("{ $dateFromString: { dateString: '07/06/2021', format: '%d/%m/%Y' } }", "ISODate('2021-06-07T00:00:00Z')")]
    [InlineData("{ $dateFromString: { dateString: 'nope', onError: 'bad' } }", "'bad'")]
    [InlineData("{ $dateAdd: { startDate: '$d', unit: 'day', amount: 2 } }", "ISODate('2021-01-05T23:04:05.678Z')")]
    [InlineData("{ $dateAdd: { startDate: ISODate('2021-01-31T00:00:00Z'), unit: 'month', amount: 1 } }", "ISODate('2021-02-28T00:00:00Z')")]
    [InlineData("{ $dateSubtract: { startDate: '$d', unit: 'hour', amount: 24 } }", "ISODate('2021-01-02T23:04:05.678Z')")]
    [InlineData("{ $dateDiff: { startDate: ISODate('2020-12-31T23:59:00Z'), endDate: ISODate('2021-01-01T00:01:00Z'), unit: 'year' } }", "NumberLong(1)")]
    [InlineData("{ $dateDiff: { startDate: ISODate('2021-01-01T00:00:00Z'), endDate: ISODate('2021-03-15T00:00:00Z'), unit: 'month' } }", "NumberLong(2)")]
    [InlineData("{ $dateDiff: { startDate: ISODate('2021-01-01T10:00:00Z'), endDate: ISODate('2021-01-03T09:00:00Z'), unit: 'day' } }", "NumberLong(2)")]
    [InlineData("{ $dateDiff: { startDate: ISODate('2021-01-02T00:00:00Z'), endDate: ISODate('2021-01-03T00:00:00Z'), unit: 'week' } }", "NumberLong(1)")]
    [InlineData("{ $dateDiff: { startDate: ISODate('2021-01-01T00:00:00Z'), endDate: ISODate('2021-01-01T00:00:01.5Z'), unit: 'millisecond' } }", "NumberLong(1500)")]
    [InlineData("{ $add: [ '$d', 0 ] }", "ISODate('2021-01-03T23:04:05.678Z')")]
    public void Evaluates_like_MongoDB(string expression, string expected) => Yields(expected, expression, Doc);

    [Fact]
    public void Date_part_of_a_string_fails() => Fails(16006, "{ $year: 'x' }");

    [Fact]
    public void Unknown_time_zone_fails() => Fails(40485, "{ $year: { date: '$d', timezone: 'Mars/Base' } }", Doc);

    [Fact]
    public void Missing_date_fails_with_18628() => Fails(18628, "{ $dateToString: { format: '%Y' } }");

    [Theory]
    [InlineData("2017-01-01T15:08:51.911Z", "Natural: 2017-W1-01, ISO: 2016-W7-52")]
    [InlineData("2017-07-04T15:09:12.911Z", "Natural: 2017-W3-27, ISO: 2017-W2-27")]
    [InlineData("2017-12-04T15:09:14.911Z", "Natural: 2017-W2-49, ISO: 2017-W1-49")]
    public void Week_specifiers_match_MongoDB_date_to_string_js(string date, string expected) =>
        Yields("'" + expected + "'", "{ $dateToString: { format: 'Natural: %Y-W%w-%U, ISO: %G-W%u-%V', date: ISODate('" + date + "') } }");

    [Theory]
    [InlineData("UTC", "2017-07-04 14:56:42 +0000 (0 minutes)")]
    [InlineData("Europe/London", "2017-07-04 15:56:42 +0100 (60 minutes)")]
    [InlineData("America/New_York", "2017-07-04 10:56:42 -0400 (-240 minutes)")]
    [InlineData("Australia/Eucla", "2017-07-04 23:41:42 +0845 (525 minutes)")]
    [InlineData("Asia/Kathmandu", "2017-07-04 20:41:42 +0545 (345 minutes)")]
    public void Offsets_match_MongoDB_date_to_string_js(string zone, string expected) =>
        Yields("'" + expected + "'", "{ $dateToString: { format: '%Y-%m-%d %H:%M:%S %z (%Z minutes)', date: ISODate('2017-07-04T14:56:42.911Z'), timezone: '" + zone + "' } }");

    [Fact]
    public void Bad_format_character_fails() => Fails(18536, "{ $dateToString: { date: '$d', format: '%Q' } }", Doc);

    [Fact]
    public void Unparseable_date_string_fails() => Fails(241, "{ $dateFromString: { dateString: 'nope' } }");

    [Fact]
    public void Unknown_unit_fails() => Fails(5439014, "{ $dateAdd: { startDate: '$d', unit: 'fortnight', amount: 1 } }", Doc);
}

public class DateParsingTests
{
    [Theory]
    [InlineData("{ $dateFromString: { dateString: '2021-06-07T08:09:10.250+0530' } }", "ISODate('2021-06-07T02:39:10.250Z')")]
    [InlineData("{ $dateFromString: { dateString: '2021-06-07 08:09:10+02:00' } }", "ISODate('2021-06-07T06:09:10Z')")]
    [InlineData("{ $dateFromString: { dateString: '2021-06-07T08:09:10', timezone: 'America/New_York' } }", "ISODate('2021-06-07T12:09:10Z')")]
    [InlineData("{ $dateFromString: { dateString: '2021-06-07' } }", "ISODate('2021-06-07T00:00:00Z')")]
    public void Parses_offsets_and_zones(string expression, string expected) => ExpressionAssert.Yields(expected, expression);
}

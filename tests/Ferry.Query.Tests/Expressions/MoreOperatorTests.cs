using Ferry.Query.Common;
using Ferry.Query.Expressions;
using MongoDB.Bson;
using static Ferry.Query.Tests.Expressions.ExpressionAssert;

namespace Ferry.Query.Tests.Expressions;

public class MoreOperatorTests
{
    [Theory]
    [InlineData("{ $sin: 0 }", "0.0")]
    [InlineData("{ $cos: 0 }", "1.0")]
    [InlineData("{ $atan2: [1, 1] }", "0.78539816339744828")]
    [InlineData("{ $radiansToDegrees: 3.141592653589793 }", "180.0")]
    [InlineData("{ $sin: null }", "null")]
    [InlineData("{ $sortArray: { input: [3, 1, 2], sortBy: 1 } }", "[1, 2, 3]")]
    [InlineData("{ $sortArray: { input: [{ a: 2 }, { a: 1 }], sortBy: { a: -1 } } }", "[{ a: 2 }, { a: 1 }]")]
    [InlineData("{ $firstN: { input: [1, 2, 3], n: 2 } }", "[1, 2]")]
    [InlineData("{ $lastN: { input: [1, 2, 3], n: 2 } }", "[2, 3]")]
    [InlineData("{ $maxN: { input: [1, null, 3, 2], n: 2 } }", "[3, 2]")]
    [InlineData("{ $minN: { input: [4, 1, 3], n: 5 } }", "[1, 3, 4]")]
    [InlineData("{ $dateFromParts: { year: 2021, month: 14, day: 1 } }", "ISODate('2022-02-01T00:00:00Z')")]
    [InlineData("{ $dateFromParts: { year: 2021, hour: 1, timezone: '+01:00' } }", "ISODate('2021-01-01T00:00:00Z')")]
    [InlineData("{ $dateFromParts: { isoWeekYear: 2021, isoWeek: 1, isoDayOfWeek: 1 } }", "ISODate('2021-01-04T00:00:00Z')")]
    [InlineData("{ $dateToParts: { date: ISODate('2021-02-03T04:05:06.007Z') } }", "{ year: 2021, month: 2, day: 3, hour: 4, minute: 5, second: 6, millisecond: 7 }")]
    [InlineData("{ $dateTrunc: { date: ISODate('2021-02-03T04:05:06.007Z'), unit: 'month' } }", "ISODate('2021-02-01T00:00:00Z')")]
    [InlineData("{ $dateTrunc: { date: ISODate('2021-02-03T04:05:06.007Z'), unit: 'hour', binSize: 3 } }", "ISODate('2021-02-03T03:00:00Z')")]
    [InlineData("{ $dateTrunc: { date: ISODate('2021-02-03T04:05:06.007Z'), unit: 'week' } }", "ISODate('2021-01-31T00:00:00Z')")]
    [InlineData("{ $dateTrunc: { date: null, unit: 'day' } }", "null")]
    public void Evaluates_like_MongoDB(string expression, string expected) => Yields(expected, expression);

    [Fact]
    public void Rand_is_a_double_between_zero_and_one()
    {
        var value = Eval("{ $rand: {} }");
        Assert.Equal(BsonType.Double, value!.BsonType);
        Assert.InRange(value.AsDouble, 0, 1);
    }

    [Fact]
    public void Let_values_are_expressions_evaluated_once()
    {
        var let = BsonDocument.Parse("{ id: 1, y: { $literal: '$bar' }, s: { $add: [1, 2] } }");
        Assert.Equal(BsonDocument.Parse("{ id: 1, y: '$bar', s: 3 }"), AggregationExpression.EvaluateLet(let));
    }

    [Fact]
    public void Let_with_an_uppercase_name_fails() =>
        Assert.Equal(16867, Assert.Throws<MqlException>(() => AggregationExpression.EvaluateLet(BsonDocument.Parse("{ X: 1 }"))).Code);

    [Fact]
    public void Now_comes_from_the_context_clock()
    {
        var clock = new FixedClock(new DateTimeOffset(2030, 1, 2, 3, 4, 5, 678, TimeSpan.Zero));
        var context = new QueryContext { Time = clock };
        Assert.Equal(new BsonDateTime(clock.GetUtcNow().UtcDateTime), AggregationExpression.Compile("$$NOW", context).Evaluate([]));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

public class BsonInfoOperatorTests
{
    [Theory]
    [InlineData("{ $binarySize: 'héllo' }", "6")]
    [InlineData("{ $binarySize: null }", "null")]
    [InlineData("{ $bsonSize: { $literal: { a: 1 } } }", "12")]
    [InlineData("{ $tsSecond: Timestamp(42, 13) }", "NumberLong(42)")]
    [InlineData("{ $tsIncrement: Timestamp(42, 13) }", "NumberLong(13)")]
    public void Evaluates_like_MongoDB(string expression, string expected) => ExpressionAssert.Yields(expected, expression);

    [Fact]
    public void JavaScript_function_is_not_supported() => ExpressionAssert.Fails(115, "{ $function: { body: 'x', args: [], lang: 'js' } }");
}

using static Ferry.Query.Tests.Expressions.ExpressionAssert;

namespace Ferry.Query.Tests.Expressions;

public class ArithmeticTests
{
    [Theory]
    [InlineData("{ $add: [1, 2] }", "3")]
    [InlineData("{ $add: [1, NumberLong(2)] }", "NumberLong(3)")]
    [InlineData("{ $add: [1, 2.5] }", "3.5")]
    [InlineData("{ $add: [2147483647, 1] }", "NumberLong(2147483648)")]
    [InlineData("{ $add: [NumberLong('9223372036854775807'), 1] }", "9.2233720368547758E+18")]
    [InlineData("{ $add: [NumberDecimal('1.1'), 1] }", "NumberDecimal('2.1')")]
    [InlineData("{ $add: [] }", "0")]
    [InlineData("{ $add: [ISODate('2020-01-01T00:00:00Z'), 1000] }", "ISODate('2020-01-01T00:00:01Z')")]
    [InlineData("{ $subtract: [5, 7] }", "-2")]
    [InlineData("{ $subtract: [ISODate('2020-01-01T00:00:01Z'), ISODate('2020-01-01T00:00:00Z')] }", "NumberLong(1000)")]
    [InlineData("{ $subtract: [ISODate('2020-01-01T00:00:01Z'), 1000] }", "ISODate('2020-01-01T00:00:00Z')")]
    [InlineData("{ $multiply: [2, 3, 4] }", "24")]
    [InlineData("{ $multiply: [65536, 65536] }", "NumberLong(4294967296)")]
    [InlineData("{ $divide: [7, 2] }", "3.5")]
    [InlineData("{ $divide: [6, 3] }", "2.0")]
    [InlineData("{ $mod: [7, 3] }", "1")]
    [InlineData("{ $mod: [-7, 3] }", "-1")]
    [InlineData("{ $mod: [7.5, 2] }", "1.5")]
    [InlineData("{ $abs: -5 }", "5")]
    [InlineData("{ $abs: -2147483648 }", "NumberLong(2147483648)")]
    [InlineData("{ $ceil: 1.2 }", "2.0")]
    [InlineData("{ $floor: -1.2 }", "-2.0")]
    [InlineData("{ $floor: 7 }", "7")]
    [InlineData("{ $round: 2.5 }", "2.0")]
    [InlineData("{ $round: 3.5 }", "4.0")]
    [InlineData("{ $round: [1.2345, 2] }", "1.23")]
    [InlineData("{ $round: [1234, -2] }", "1200")]
    [InlineData("{ $trunc: [-1.789, 1] }", "-1.7")]
    [InlineData("{ $pow: [2, 10] }", "1024")]
    [InlineData("{ $pow: [2, 40] }", "NumberLong(1099511627776)")]
    [InlineData("{ $pow: [2, -1] }", "0.5")]
    [InlineData("{ $sqrt: 16 }", "4.0")]
    [InlineData("{ $exp: 0 }", "1.0")]
    [InlineData("{ $ln: 1 }", "0.0")]
    [InlineData("{ $log: [8, 2] }", "3.0")]
    [InlineData("{ $log10: 1000 }", "3.0")]
    public void Arithmetic_yields_MongoDB_result_and_type(string expression, string expected) => Yields(expected, expression);

    [Theory]
    [InlineData("{ $add: [1, null] }")]
    [InlineData("{ $add: [1, '$missing'] }")]
    [InlineData("{ $subtract: ['$missing', 1] }")]
    [InlineData("{ $multiply: [2, null] }")]
    [InlineData("{ $divide: [null, 0] }")]
    [InlineData("{ $mod: [1, null] }")]
    [InlineData("{ $abs: null }")]
    [InlineData("{ $sqrt: '$missing' }")]
    [InlineData("{ $round: [null, 1] }")]
    [InlineData("{ $pow: [null, 2] }")]
    public void Null_or_missing_operand_yields_null(string expression) => Yields("null", expression);

    [Fact]
    public void Add_of_a_string_is_a_type_mismatch()
    {
        var error = Fails(14, "{ $add: [1, 'x'] }");
        Assert.Equal("$add only supports numeric or date types, not string", error.Message);
    }

    [Fact]
    public void Add_of_two_dates_fails() => Fails(16612, "{ $add: [ISODate('2020-01-01T00:00:00Z'), ISODate('2020-01-01T00:00:00Z')] }");

    [Fact]
    public void Divide_by_zero_fails_with_BadValue()
    {
        var error = Fails(2, "{ $divide: [1, 0] }");
        Assert.Equal("can't $divide by zero", error.Message);
    }

    [Fact]
    public void Mod_by_zero_fails() => Fails(16610, "{ $mod: [1, 0] }");

    [Fact]
    public void Wrong_argument_count_fails_with_16020()
    {
        var error = Fails(16020, "{ $subtract: [1, 2, 3] }");
        Assert.Equal("Expression $subtract takes exactly 2 arguments. 3 were passed in.", error.Message);
    }

    [Fact]
    public void Sqrt_of_a_negative_number_fails() => Fails(28714, "{ $sqrt: -1 }");

    [Fact]
    public void Pow_of_zero_to_a_negative_exponent_fails() => Fails(28764, "{ $pow: [0, -1] }");

    [Fact]
    public void Subtract_a_date_from_a_number_fails() => Fails(16556, "{ $subtract: [1, ISODate('2020-01-01T00:00:00Z')] }");

    [Fact]
    public void Multiply_of_a_string_is_a_type_mismatch() => Fails(14, "{ $multiply: [1, 'x'] }");
}

public class ConstantFoldingTests
{
    [Fact]
    public void Constant_division_by_zero_fails_at_compile_time() =>
        Assert.Equal(2, Assert.Throws<Ferry.Query.Common.MqlException>(() => Ferry.Query.Expressions.AggregationExpression.Compile(
            MongoDB.Bson.BsonDocument.Parse("{ e: { $divide: [1, 0] } }")["e"])).Code);

    [Fact]
    public void Constant_arguments_fold_to_a_constant() =>
        Assert.True(Ferry.Query.Expressions.AggregationExpression.Compile(MongoDB.Bson.BsonDocument.Parse("{ e: { $add: [1, { $multiply: [2, 3] }] } }")["e"]).IsConstant);

    [Fact]
    public void Field_paths_are_not_folded() =>
        Assert.False(Ferry.Query.Expressions.AggregationExpression.Compile("$a").IsConstant);
}

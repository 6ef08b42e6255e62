using static Ferry.Query.Tests.Expressions.ExpressionAssert;

namespace Ferry.Query.Tests.Expressions;

public class ArrayOperatorTests
{
    [Theory]
    [InlineData("{ $size: [[1, 2, 3]] }", "3")]
    [InlineData("{ $arrayElemAt: [[1, 2, 3], 0] }", "1")]
    [InlineData("{ $arrayElemAt: [[1, 2, 3], -1] }", "3")]
    [InlineData("{ $arrayElemAt: [null, 0] }", "null")]
    [InlineData("{ $first: [[4, 5]] }", "4")]
    [InlineData("{ $last: [[4, 5]] }", "5")]
    [InlineData("{ $first: null }", "null")]
    [InlineData("{ $in: [2, [1, 2.0]] }", "true")]
    [InlineData("{ $in: ['$missing', [null]] }", "false")]
    [InlineData("{ $concatArrays: [[1], [2, 3], []] }", "[1, 2, 3]")]
    [InlineData("{ $concatArrays: [[1], null] }", "null")]
    [InlineData("{ $slice: [[1, 2, 3, 4], 2] }", "[1, 2]")]
    [InlineData("{ $slice: [[1, 2, 3, 4], -2] }", "[3, 4]")]
    [InlineData("{ $slice: [[1, 2, 3, 4], 1, 2] }", "[2, 3]")]
    [InlineData("{ $slice: [[1, 2, 3, 4], -3, 2] }", "[2, 3]")]
    [InlineData("{ $reverseArray: [[1, 2, 3]] }", "[3, 2, 1]")]
    [InlineData("{ $range: [0, 10, 3] }", "[0, 3, 6, 9]")]
    [InlineData("{ $range: [5, 0, -2] }", "[5, 3, 1]")]
    [InlineData("{ $indexOfArray: [['a', 'b', 'a'], 'a', 1] }", "2")]
    [InlineData("{ $indexOfArray: [null, 'a'] }", "null")]
    [InlineData("{ $allElementsTrue: [[1, true, 'x']] }", "true")]
    [InlineData("{ $anyElementTrue: [[0, null, false]] }", "false")]
    [InlineData("{ $arrayToObject: [[['a', 1], ['b', 2]]] }", "{ a: 1, b: 2 }")]
    [InlineData("{ $arrayToObject: [[{ k: 'a', v: 1 }]] }", "{ a: 1 }")]
    [InlineData("{ $objectToArray: { $literal: { a: 1 } } }", "[{ k: 'a', v: 1 }]")]
    [InlineData("{ $zip: { inputs: [[1, 2], ['a']] } }", "[[1, 'a']]")]
    [InlineData("{ $zip: { inputs: [[1, 2], ['a']], useLongestLength: true, defaults: [0, 'z'] } }", "[[1, 'a'], [2, 'z']]")]
    [InlineData("{ $setUnion: [[1, 2], [2, 3]] }", "[1, 2, 3]")]
    [InlineData("{ $setIntersection: [[1, 2, 3], [3, 2.0]] }", "[2, 3]")]
    [InlineData("{ $setDifference: [[1, 2, 3], [2]] }", "[1, 3]")]
    [InlineData("{ $setEquals: [[1, 2], [2, 1, 1]] }", "true")]
    [InlineData("{ $isSubset: [[1], [1, 2]] }", "true")]
    [InlineData("{ $setUnion: [[1], null] }", "null")]
    [InlineData("{ $mergeObjects: [{ a: 1, b: 1 }, null, { b: 2 }] }", "{ a: 1, b: 2 }")]
    [InlineData("{ $getField: 'a.b' }", "7")]
    [InlineData("{ $setField: { field: 'x', input: { a: 1 }, value: 2 } }", "{ a: 1, x: 2 }")]
    [InlineData("{ $setField: { field: 'a', input: { a: 1 }, value: '$$REMOVE' } }", "{ }")]
    [InlineData("{ $sum: [[1, 2, 'x', 3.5]] }", "6.5")]
    [InlineData("{ $sum: [1, NumberLong(2)] }", "NumberLong(3)")]
    [InlineData("{ $sum: '$missing' }", "0")]
    [InlineData("{ $avg: [[1, 2]] }", "1.5")]
    [InlineData("{ $avg: [['x']] }", "null")]
    [InlineData("{ $max: [[1, 5, null, 3]] }", "5")]
    [InlineData("{ $min: [4, 2, 8] }", "2")]
    [InlineData("{ $min: [null, null] }", "null")]
    [InlineData("{ $stdDevPop: [[1, 3]] }", "1.0")]
    public void Evaluates_like_MongoDB(string expression, string expected) => Yields(expected, expression, "{ 'a.b': 7 }");

    [Fact]
    public void ArrayElemAt_out_of_range_is_missing() => YieldsMissing("{ $arrayElemAt: [[1], 5] }");

    [Fact]
    public void Size_of_missing_fails()
    {
        var error = Fails(17124, "{ $size: '$x' }");
        Assert.Equal("The argument to $size must be an array. Type of argument was: missing", error.Message);
    }

    [Fact]
    public void In_without_an_array_fails() => Fails(40081, "{ $in: [1, '$x'] }");

    [Fact]
    public void Set_operator_on_a_non_array_fails() => Fails(17043, "{ $setUnion: [[1], 'a'] }");

    [Fact]
    public void MergeObjects_of_a_number_fails() => Fails(40400, "{ $mergeObjects: [1] }");

    [Fact]
    public void Range_too_large_fails_instead_of_exhausting_memory() => Fails(548701, "{ $range: [0, 2000000000] }");

    [Fact]
    public void Range_counts_partial_steps() => Yields("[0, 3]", "{ $range: [0, 5, 3] }");

    [Fact]
    public void Range_with_zero_step_fails() => Fails(34449, "{ $range: [0, 1, 0] }");

    [Fact]
    public void Slice_with_non_positive_count_fails() => Fails(28729, "{ $slice: [[1], 0, 0] }");
}

namespace Ferry.Query.Tests.Filters;

public class SetAndElementTests
{
    [Theory]
    [InlineData("{ a: { $in: [1, 2] } }", "{ a: 2 }", true)]
    [InlineData("{ a: { $in: [1, 2] } }", "{ a: 3 }", false)]
    [InlineData("{ a: { $in: [1, 2] } }", "{ a: [3, 2] }", true)]
    [InlineData("{ a: { $in: [[3, 2]] } }", "{ a: [3, 2] }", true)]
    [InlineData("{ a: { $in: [] } }", "{ a: 1 }", false)]
    [InlineData("{ a: { $in: [null] } }", "{ }", true)]
    [InlineData("{ a: { $in: [null] } }", "{ a: [1, null] }", true)]
    [InlineData("{ a: { $in: [/^ab/, 5] } }", "{ a: 'abc' }", true)]
    [InlineData("{ a: { $in: [/^ab/, 5] } }", "{ a: 'cab' }", false)]
    [InlineData("{ a: { $in: [/^AB/i] } }", "{ a: ['x', 'abc'] }", true)]
    [InlineData("{ a: { $in: [1] } }", "{ a: NumberLong(1) }", true)]
    public void In_matches_any_listed_value_or_regex(string filter, string document, bool expected) =>
        Assert.Equal(expected, Match.Test(filter, document));

    [Theory]
    [InlineData("{ a: { $nin: [1, 2] } }", "{ a: 3 }", true)]
    [InlineData("{ a: { $nin: [1, 2] } }", "{ }", true)]
    [InlineData("{ a: { $nin: [1, 2] } }", "{ a: [3, 1] }", false)]
    [InlineData("{ a: { $nin: [null] } }", "{ }", false)]
    [InlineData("{ a: { $nin: [/x/] } }", "{ a: 'yxy' }", false)]
    public void Nin_is_the_negation_of_in(string filter, string document, bool expected) =>
        Assert.Equal(expected, Match.Test(filter, document));

    [Theory]
    [InlineData("{ a: { $exists: true } }", "{ a: null }", true)]
    [InlineData("{ a: { $exists: true } }", "{ b: 1 }", false)]
    [InlineData("{ a: { $exists: false } }", "{ b: 1 }", true)]
    [InlineData("{ a: { $exists: false } }", "{ a: null }", false)]
    [InlineData("{ a: { $exists: 1 } }", "{ a: [] }", true)]
    [InlineData("{ a: { $exists: 0 } }", "{ a: [] }", false)]
    [InlineData("{ 'a.b': { $exists: true } }", "{ a: [{ c: 1 }, { b: 1 }] }", true)]
    [InlineData("{ 'a.b': { $exists: false } }", "{ a: [{ c: 1 }, { b: 1 }] }", false)]
    [InlineData("{ 'a.b': { $exists: false } }", "{ a: [{ c: 1 }] }", true)]
    [InlineData("{ 'a.1': { $exists: true } }", "{ a: [5] }", false)]
    [InlineData("{ 'a.0': { $exists: true } }", "{ a: [5] }", true)]
    public void Exists_tests_presence_including_null(string filter, string document, bool expected) =>
        Assert.Equal(expected, Match.Test(filter, document));

    [Theory]
    [InlineData("{ a: { $type: 'string' } }", "{ a: 'x' }", true)]
    [InlineData("{ a: { $type: 2 } }", "{ a: 'x' }", true)]
    [InlineData("{ a: { $type: 'int' } }", "{ a: 1 }", true)]
    [InlineData("{ a: { $type: 'long' } }", "{ a: 1 }", false)]
    [InlineData("{ a: { $type: 'number' } }", "{ a: NumberDecimal('1') }", true)]
    [InlineData("{ a: { $type: 'number' } }", "{ a: '1' }", false)]
    [InlineData("{ a: { $type: ['string', 'double'] } }", "{ a: 1.5 }", true)]
    [InlineData("{ a: { $type: 'array' } }", "{ a: [] }", true)]
    [InlineData("{ a: { $type: 'array' } }", "{ a: 'x' }", false)]
    [InlineData("{ a: { $type: 4 } }", "{ a: [1] }", true)]
    [InlineData("{ a: { $type: 'string' } }", "{ a: [1, 'x'] }", true)]
    [InlineData("{ a: { $type: 'null' } }", "{ a: null }", true)]
    [InlineData("{ a: { $type: 'null' } }", "{ }", false)]
    [InlineData("{ a: { $type: 'object' } }", "{ a: { b: 1 } }", true)]
    [InlineData("{ a: { $type: 'minKey' } }", "{ a: { $minKey: 1 } }", true)]
    [InlineData("{ a: { $type: -1 } }", "{ a: { $minKey: 1 } }", true)]
    [InlineData("{ a: { $type: 127 } }", "{ a: { $maxKey: 1 } }", true)]
    [InlineData("{ a: { $type: 'objectId' } }", "{ a: ObjectId('5f0000000000000000000000') }", true)]
    [InlineData("{ a: { $type: 'date' } }", "{ a: ISODate('2020-01-01T00:00:00Z') }", true)]
    [InlineData("{ a: { $type: 'bool' } }", "{ a: false }", true)]
    [InlineData("{ a: { $type: 'regex' } }", "{ a: /x/ }", true)]
    [InlineData("{ a: { $type: 2.0 } }", "{ a: 'x' }", true)]
    // MongoDB reads a fractional type code as -1 (MinKey).
    [InlineData("{ a: { $type: 1.5 } }", "{ a: { $minKey: 1 } }", true)]
    [InlineData("{ a: { $type: 1.5 } }", "{ a: 1.5 }", false)]
    public void Type_matches_by_code_or_alias(string filter, string document, bool expected) =>
        Assert.Equal(expected, Match.Test(filter, document));

    [Theory]
    [InlineData("{ a: { $mod: [4, 0] } }", "{ a: 8 }", true)]
    [InlineData("{ a: { $mod: [4, 1] } }", "{ a: 9.9 }", true)]
    [InlineData("{ a: { $mod: [4, 0] } }", "{ a: 9 }", false)]
    [InlineData("{ a: { $mod: [4, -1] } }", "{ a: -5 }", true)]
    [InlineData("{ a: { $mod: [4, 0] } }", "{ a: '8' }", false)]
    [InlineData("{ a: { $mod: [4, 0] } }", "{ a: NaN }", false)]
    [InlineData("{ a: { $mod: [4, 0] } }", "{ a: [1, 12] }", true)]
    [InlineData("{ a: { $mod: [NumberLong(3), 1] } }", "{ a: NumberLong(4) }", true)]
    [InlineData("{ a: { $mod: [2, 0] } }", "{ a: 1e30 }", false)]
    [InlineData("{ a: { $mod: [-1, 0] } }", "{ a: NumberLong('-9223372036854775808') }", true)]
    [InlineData("{ a: { $mod: [3.9, 1] } }", "{ a: 4 }", true)]
    public void Mod_truncates_numbers(string filter, string document, bool expected) =>
        Assert.Equal(expected, Match.Test(filter, document));
}

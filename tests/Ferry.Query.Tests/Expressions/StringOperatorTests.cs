using static Ferry.Query.Tests.Expressions.ExpressionAssert;

namespace Ferry.Query.Tests.Expressions;

public class StringOperatorTests
{
    [Theory]
    [InlineData("{ $concat: ['a', 'b', 'c'] }", "'abc'")]
    [InlineData("{ $concat: ['a', null] }", "null")]
    [InlineData("{ $concat: ['a', '$missing'] }", "null")]
    [InlineData("{ $substr: ['hello', 1, 3] }", "'ell'")]
    [InlineData("{ $substrBytes: ['hello', 2, -1] }", "'llo'")]
    [InlineData("{ $substrBytes: [null, 0, 1] }", "''")]
    [InlineData("{ $substrCP: ['héllo', 1, 2] }", "'él'")]
    [InlineData("{ $toLower: 'ABC' }", "'abc'")]
    [InlineData("{ $toUpper: null }", "''")]
    [InlineData("{ $toUpper: 12 }", "'12'")]
    [InlineData("{ $strcasecmp: ['abc', 'ABC'] }", "0")]
    [InlineData("{ $strcasecmp: ['b', 'A'] }", "1")]
    [InlineData("{ $split: ['a,b,,c', ','] }", "['a', 'b', '', 'c']")]
    [InlineData("{ $split: [null, ','] }", "null")]
    [InlineData("{ $strLenCP: 'héllo' }", "5")]
    [InlineData("{ $strLenBytes: 'héllo' }", "6")]
    [InlineData("{ $indexOfCP: ['cafeteria', 'e'] }", "3")]
    [InlineData("{ $indexOfCP: ['cafeteria', 'e', 5] }", "5")]
    [InlineData("{ $indexOfCP: ['cafeteria', 'x'] }", "-1")]
    [InlineData("{ $indexOfCP: [null, 'x'] }", "null")]
    [InlineData("{ $trim: { input: '  a b  ' } }", "'a b'")]
    [InlineData("{ $ltrim: { input: 'xxaxx', chars: 'x' } }", "'axx'")]
    [InlineData("{ $rtrim: { input: 'xxaxx', chars: 'x' } }", "'xxa'")]
    [InlineData("{ $trim: { input: null } }", "null")]
    [InlineData("{ $regexMatch: { input: 'Hello', regex: '^h', options: 'i' } }", "true")]
    [InlineData("{ $regexMatch: { input: null, regex: 'x' } }", "false")]
    [InlineData("{ $regexFind: { input: 'a1b22', regex: /([0-9]+)/ } }", "{ match: '1', idx: 1, captures: ['1'] }")]
    [InlineData("{ $regexFind: { input: 'abc', regex: 'z' } }", "null")]
    [InlineData("{ $replaceOne: { input: 'a.b.c', find: '.', replacement: '-' } }", "'a-b.c'")]
    [InlineData("{ $replaceAll: { input: 'a.b.c', find: '.', replacement: '-' } }", "'a-b-c'")]
    [InlineData("{ $replaceAll: { input: null, find: '.', replacement: '-' } }", "null")]
    public void Evaluates_like_MongoDB(string expression, string expected) => Yields(expected, expression);

    [Theory]
    [InlineData("{ $indexOfCP: ['∫aƒ', 'ƒ'] }", "2")]
    [InlineData("{ $indexOfCP: ['∫b∫ba', 'b', 2] }", "3")]
    [InlineData("{ $indexOfCP: ['ab∫de', 'd', 0, 3] }", "-1")]
    [InlineData("{ $indexOfCP: ['ab∫de', 'd', 0, 4] }", "3")]
    [InlineData("{ $indexOfCP: ['øƒc', 'ƒ', 0, 10] }", "1")]
    [InlineData("{ $indexOfCP: ['a√cb', 'b', 3, 1] }", "-1")]
    [InlineData("{ $indexOfCP: ['', '', 3] }", "-1")]
    [InlineData("{ $indexOfCP: [' ', ''] }", "0")]
    [InlineData("{ $indexOfCP: ['abc', '', 1] }", "1")]
    [InlineData("{ $indexOfCP: ['∫aeøø', 'øøø'] }", "-1")]
    public void IndexOfCP_as_MongoDB_indexof_codepoints_js(string expression, string expected) => Yields(expected, expression);

    [Theory]
    [InlineData("{ $indexOfCP: [3, 's'] }", 40093)]
    [InlineData("{ $indexOfCP: ['s', 3] }", 40094)]
    [InlineData("{ $indexOfCP: ['abc', 'b', 'bad'] }", 40096)]
    [InlineData("{ $indexOfCP: ['abc', 'b', -1] }", 40097)]
    [InlineData("{ $indexOfCP: ['abc', 'b', 1, -1] }", 40097)]
    public void IndexOfCP_errors_as_MongoDB(string expression, int code) => Fails(code, expression);

    [Fact]
    public void Concat_of_a_number_fails() => Fails(16702, "{ $concat: ['a', 1] }");

    [Fact]
    public void StrLenCP_of_missing_fails()
    {
        var error = Fails(34471, "{ $strLenCP: '$x' }");
        Assert.Equal("$strLenCP requires a string argument, found: missing", error.Message);
    }

    [Fact]
    public void Split_with_empty_separator_fails() => Fails(40087, "{ $split: ['abc', ''] }");

    [Fact]
    public void SubstrBytes_inside_a_multibyte_character_fails() => Fails(28656, "{ $substrBytes: ['é', 1, 1] }");

    [Fact]
    public void ToLower_of_an_object_fails() => Fails(16007, "{ $toLower: { $literal: { a: 1 } } }");
}

using Ferry.Query.Common;
using Ferry.Query.Filters;
using MongoDB.Bson;

namespace Ferry.Query.Tests.Filters;

public class RegexTests
{
    [Theory]
    [InlineData("{ a: /^ab/ }", "{ a: 'abc' }", true)]
    [InlineData("{ a: /^ab/ }", "{ a: 'ABC' }", false)]
    [InlineData("{ a: /^ab/i }", "{ a: 'ABC' }", true)]
    [InlineData("{ a: { $regex: '^ab' } }", "{ a: 'abc' }", true)]
    [InlineData("{ a: { $regex: '^ab', $options: 'i' } }", "{ a: 'ABC' }", true)]
    [InlineData("{ a: { $options: 'i', $regex: '^ab' } }", "{ a: 'ABC' }", true)]
    [InlineData("{ a: { $regex: '^b', $options: 'm' } }", "{ a: 'a\\nb' }", true)]
    [InlineData("{ a: { $regex: '^b' } }", "{ a: 'a\\nb' }", false)]
    [InlineData("{ a: { $regex: 'a.b', $options: 's' } }", "{ a: 'a\\nb' }", true)]
    [InlineData("{ a: { $regex: 'a.b' } }", "{ a: 'a\\nb' }", false)]
    [InlineData("{ a: { $regex: 'a b # comment', $options: 'x' } }", "{ a: 'ab' }", true)]
    [InlineData("{ a: /b/ }", "{ a: ['x', 'abc'] }", true)]
    [InlineData("{ a: /1/ }", "{ a: 1 }", false)]
    [InlineData("{ a: /b/ }", "{ }", false)]
    [InlineData("{ a: /b/ }", "{ a: /b/ }", true)]
    [InlineData("{ a: /b/ }", "{ a: /b/i }", false)]
    [InlineData("{ a: { $regex: '(?P<x>ab)(?P=x)' } }", "{ a: 'abab' }", true)]
    [InlineData("{ a: { $regex: '(?P<x>ab)(?P=x)' } }", "{ a: 'abba' }", false)]
    [InlineData("{ a: { $regex: 'a\\\\hb' } }", "{ a: 'a b' }", true)]
    [InlineData("{ a: { $regex: 'a\\\\hb' } }", "{ a: 'a\\nb' }", false)]
    [InlineData("{ a: { $regex: 'é' } }", "{ a: 'café' }", true)]
    public void Regex_matches_strings_with_options(string filter, string document, bool expected) =>
        Assert.Equal(expected, Match.Test(filter, document));

    [Theory]
    [InlineData("{ a: { $not: /^ab/ } }", "{ a: 'abc' }", false)]
    [InlineData("{ a: { $not: /^ab/ } }", "{ a: 'xyz' }", true)]
    [InlineData("{ a: { $not: /^ab/ } }", "{ }", true)]
    [InlineData("{ a: { $not: { $regex: '^ab' } } }", "{ a: 5 }", true)]
    public void Not_negates_a_regex(string filter, string document, bool expected) =>
        Assert.Equal(expected, Match.Test(filter, document));

    // Built in code: the JSON reader would take { $regex, $options } for an Extended JSON regular expression.
    private static BsonDocument RegexOperand(BsonValue regex, string? options = null)
    {
        var operand = new BsonDocument("$regex", regex);
        if (options is not null)
        {
            operand.Add("$options", options);
        }

        return new BsonDocument("a", operand);
    }

    [Fact]
    public void Regex_operand_may_be_a_regular_expression_value_with_separate_options()
    {
        var abc = new BsonDocument("a", "ABC");
        Assert.True(FilterMatcher.Compile(RegexOperand(new BsonRegularExpression("^ab"), "i")).Matches(abc));
        Assert.True(FilterMatcher.Compile(RegexOperand(new BsonRegularExpression("^ab", "i"))).Matches(abc));
        Assert.False(FilterMatcher.Compile(RegexOperand(new BsonRegularExpression("^ab"))).Matches(abc));
    }

    [Fact]
    public void Options_before_a_regex_with_flags_fail_with_51074()
    {
        var filter = new BsonDocument("a", new BsonDocument { { "$options", "i" }, { "$regex", new BsonRegularExpression("x", "i") } });
        var error = Assert.Throws<MqlException>(() => FilterMatcher.Compile(filter));
        Assert.Equal(51074, error.Code);
    }

    [Fact]
    public void String_pattern_with_separate_options_in_either_order()
    {
        var abc = new BsonDocument("a", "ABC");
        Assert.True(FilterMatcher.Compile(RegexOperand("^ab", "i")).Matches(abc));
        Assert.False(FilterMatcher.Compile(RegexOperand("^ab", "")).Matches(abc));
        var optionsFirst = new BsonDocument("a", new BsonDocument { { "$options", "i" }, { "$regex", "^ab" } });
        Assert.True(FilterMatcher.Compile(optionsFirst).Matches(abc));
        var notRegex = new BsonDocument("a", new BsonDocument("$not", new BsonDocument { { "$regex", "^ab" }, { "$options", "i" } }));
        Assert.False(FilterMatcher.Compile(notRegex).Matches(abc));
    }

    [Fact]
    public void Options_must_be_a_string()
    {
        var error = Assert.Throws<MqlException>(() => FilterMatcher.Compile(new BsonDocument("a", new BsonDocument { { "$regex", "x" }, { "$options", 1 } })));
        Assert.Equal("$options has to be a string", error.Message);
    }

    [Fact]
    public void Options_in_both_places_fail_with_51075()
    {
        var error = Assert.Throws<MqlException>(() => FilterMatcher.Compile(RegexOperand(new BsonRegularExpression("x", "i"), "i")));
        Assert.Equal(51075, error.Code);
        Assert.Equal("options set in both $regex and $options", error.Message);
    }

    [Fact]
    public void Regex_operand_must_be_a_string()
    {
        var error = Assert.Throws<MqlException>(() => FilterMatcher.Compile(RegexOperand(1)));
        Assert.Equal(ErrorCodes.BadValue, error.Code);
        Assert.Equal("$regex has to be a string", error.Message);
    }
}

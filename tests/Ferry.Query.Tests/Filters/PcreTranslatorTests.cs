using Ferry.Query.Filters;
using MongoDB.Bson;

namespace Ferry.Query.Tests.Filters;

public class PcreTranslatorTests
{
    private static bool Matches(string pattern, string text, string options = "") =>
        FilterMatcher.Compile(new BsonDocument("a", new BsonRegularExpression(pattern, options))).Matches(new BsonDocument("a", text));

    [Theory]
    [InlineData(@"^\d+$", "123", true)]
    [InlineData(@"^\d+$", "١٢٣", false)] // Arabic-Indic digits are not \d in PCRE
    [InlineData(@"^\w+$", "abc_1", true)]
    [InlineData(@"^\w+$", "é", false)]
    [InlineData(@"^\W$", "é", true)]
    [InlineData(@"^\s$", "\u00A0", false)]
    [InlineData(@"^\s$", "\t", true)]
    [InlineData(@"^[\d.]+$", "1.5", true)]
    [InlineData(@"^[\w-]+$", "a-b", true)]
    [InlineData(@"a\hb", "a b", true)]
    [InlineData(@"a\Hb", "a b", false)]
    [InlineData(@"^\Q1+1\E$", "1+1", true)]
    [InlineData(@"^\Q1+1\E$", "11", false)]
    [InlineData(@"^[\Q]-\E]+$", "]-]", true)]
    [InlineData(@"^[]a]+$", "]a", true)]
    [InlineData(@"^[^]a]$", "b", true)]
    [InlineData(@"(?P<x>ab)(?P=x)", "abab", true)]
    [InlineData(@"\bcat\b", "a cat!", true)]
    [InlineData(@"^\p{Lu}", "École", true)]
    public void PCRE_syntax_means_what_it_means_in_MongoDB(string pattern, string text, bool expected) =>
        Assert.Equal(expected, Matches(pattern, text));

    [Theory]
    [InlineData(@"^\\d$", @"\d", true)]
    [InlineData(@"^\\d$", "1", false)]
    [InlineData(@"^\\\\$", @"\\", true)]
    public void Escaped_backslashes_stay_literal(string pattern, string text, bool expected) =>
        Assert.Equal(expected, Matches(pattern, text));
}

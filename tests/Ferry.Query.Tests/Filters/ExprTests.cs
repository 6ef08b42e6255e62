using Ferry.Query.Common;
using Ferry.Query.Filters;
using MongoDB.Bson;

namespace Ferry.Query.Tests.Filters;

public class ExprTests
{
    [Theory]
    [InlineData("{ $expr: '$flag' }", "{ flag: true }", true)]
    [InlineData("{ $expr: '$flag' }", "{ flag: false }", false)]
    [InlineData("{ $expr: '$flag' }", "{ flag: 0 }", false)]
    [InlineData("{ $expr: '$flag' }", "{ flag: 0.0 }", false)]
    [InlineData("{ $expr: '$flag' }", "{ flag: NumberDecimal('0') }", false)]
    [InlineData("{ $expr: '$flag' }", "{ flag: null }", false)]
    [InlineData("{ $expr: '$flag' }", "{ }", false)]
    [InlineData("{ $expr: '$flag' }", "{ flag: '' }", true)]
    [InlineData("{ $expr: '$flag' }", "{ flag: [] }", true)]
    [InlineData("{ $expr: '$flag' }", "{ flag: 2 }", true)]
    [InlineData("{ $expr: true }", "{ }", true)]
    [InlineData("{ a: 1, $expr: '$flag' }", "{ a: 2, flag: true }", false)]
    public void Expr_matches_when_the_expression_is_truthy(string filter, string document, bool expected) =>
        Assert.Equal(expected, Match.Test(filter, document));

    [Theory]
    [InlineData("{ $expr: { $gt: ['$spent', '$budget'] } }", "{ spent: 5, budget: 3 }", true)]
    [InlineData("{ $expr: { $gt: ['$spent', '$budget'] } }", "{ spent: 1, budget: 3 }", false)]
    [InlineData("{ $expr: { $eq: ['$a', '$b'] } }", "{ a: 1, b: 1.0 }", true)]
    public void Expr_compares_fields_of_the_same_document(string filter, string document, bool expected) =>
        Assert.Equal(expected, Match.Test(filter, document));

    [Fact]
    public void An_invalid_expression_is_refused_when_the_filter_is_compiled_not_when_a_document_is_matched() =>
        Assert.Throws<MqlException>(() => FilterMatcher.Compile(BsonDocument.Parse("{ $expr: { $noSuchOperator: 1 } }")));
}

using static Ferry.Query.Tests.Expressions.ExpressionAssert;

namespace Ferry.Query.Tests.Expressions;

/// <summary>Cases from MongoDB's own test of $arrayToObject (jstests/aggregation/expressions/arrayToObject.js).</summary>
public class ArrayToObjectRecordedTests
{
    [Theory]
    [InlineData("[['price', 24], ['item', 'apple']]", "{ price: 24, item: 'apple' }")]
    [InlineData("[{ k: 'price', v: 24 }, { k: 'price', v: 100 }]", "{ price: 100 }")]
    [InlineData("[['price', 24], ['price', 100]]", "{ price: 100 }")]
    [InlineData("[]", "{}")]
    [InlineData("null", "null")]
    [InlineData("[{ k: 'price', v: null }]", "{ price: null }")]
    public void Collapses_as_MongoDB_expects(string expanded, string expected) =>
        Yields(expected, "{ $arrayToObject: { $const: " + expanded + " } }");

    [Fact]
    public void Missing_input_is_null() => Yields("null", "{ $arrayToObject: '$expanded' }");

    [Theory]
    [InlineData("[{ k: 'price', v: 24 }, ['item', 'apple']]", 40391)]
    [InlineData("[['item', 'apple'], { k: 'price', v: 24 }]", 40396)]
    [InlineData("'string'", 40386)]
    [InlineData("NumberLong(0)", 40386)]
    [InlineData("[0]", 40398)]
    [InlineData("[['missing_value']]", 40397)]
    [InlineData("[[321, 12]]", 40395)]
    [InlineData("[['key', 'value', 'offset']]", 40397)]
    [InlineData("{ y: [] }", 40386)]
    [InlineData("[{ y: 'x', x: 'y' }]", 40393)]
    [InlineData("[{ k: 'missing' }]", 40392)]
    [InlineData("[{ k: 24, v: 'string' }]", 40394)]
    [InlineData("[{ k: null, v: 'nullKey' }]", 40394)]
    [InlineData("[{ y: 'ignored', k: 'item', v: 'pear' }]", 40392)]
    [InlineData("[['a\\u0000b', 'abra cadabra']]", 4940400)]
    [InlineData("[{ k: 'a\\u0000b', v: 'blah' }]", 4940401)]
    public void Bad_input_fails_with_MongoDB_codes(string expanded, int code) =>
        Fails(code, "{ $arrayToObject: { $const: " + expanded + " } }");
}

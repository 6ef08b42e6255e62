using MongoDB.Bson;

namespace Ferry.Query.Tests.Filters;

public class EqualityTests
{
    [Theory]
    [InlineData("{ a: 1 }", "{ a: 1 }", true)]
    [InlineData("{ a: 1 }", "{ a: 1.0 }", true)]
    [InlineData("{ a: 1 }", "{ a: NumberLong(1) }", true)]
    [InlineData("{ a: 1 }", "{ a: NumberDecimal('1.00') }", true)]
    [InlineData("{ a: 1 }", "{ a: '1' }", false)]
    [InlineData("{ a: 1 }", "{ b: 1 }", false)]
    [InlineData("{ a: 'x' }", "{ a: 'x' }", true)]
    [InlineData("{ a: { $eq: 2 } }", "{ a: 2 }", true)]
    [InlineData("{ a: { $eq: 2 } }", "{ a: 3 }", false)]
    [InlineData("{}", "{ a: 3 }", true)]
    public void Scalar_equality_uses_BSON_value_equality(string filter, string document, bool expected) =>
        Assert.Equal(expected, Match.Test(filter, document));

    [Theory]
    [InlineData("{ a: { b: 1, c: 2 } }", "{ a: { b: 1, c: 2 } }", true)]
    [InlineData("{ a: { b: 1, c: 2 } }", "{ a: { c: 2, b: 1 } }", false)]
    [InlineData("{ a: { b: 1 } }", "{ a: { b: 1, c: 2 } }", false)]
    [InlineData("{ 'a.b': 1 }", "{ a: { b: 1, c: 2 } }", true)]
    [InlineData("{ 'a.b.c': 1 }", "{ a: { b: { c: 1 } } }", true)]
    [InlineData("{ 'a.b.c': 1 }", "{ a: { b: 5 } }", false)]
    public void Embedded_documents_match_exactly_and_dotted_paths_reach_inside(string filter, string document, bool expected) =>
        Assert.Equal(expected, Match.Test(filter, document));

    [Theory]
    // MongoDB docs "Query an Array": exact array, or any element.
    [InlineData("{ tags: ['red', 'blank'] }", "{ tags: ['red', 'blank'] }", true)]
    [InlineData("{ tags: ['red', 'blank'] }", "{ tags: ['blank', 'red'] }", false)]
    [InlineData("{ tags: ['red', 'blank'] }", "{ tags: ['red', 'blank', 'plain'] }", false)]
    [InlineData("{ tags: 'red' }", "{ tags: ['blank', 'red'] }", true)]
    [InlineData("{ tags: 'red' }", "{ tags: [] }", false)]
    [InlineData("{ tags: [] }", "{ tags: [] }", true)]
    [InlineData("{ a: [1] }", "{ a: [[1], 2] }", true)]
    [InlineData("{ a: 1 }", "{ a: [[1], 2] }", false)]
    [InlineData("{ 'a.b': 1 }", "{ a: [{ b: 2 }, { b: 1 }] }", true)]
    [InlineData("{ 'a.b': 1 }", "{ a: [{ b: [0, 1] }] }", true)]
    [InlineData("{ 'a.b': 1 }", "{ a: [[{ b: 1 }]] }", false)]
    [InlineData("{ 'a.b.c': 1 }", "{ a: [{ b: [{ c: 1 }] }] }", true)]
    public void Arrays_match_whole_or_by_any_element(string filter, string document, bool expected) =>
        Assert.Equal(expected, Match.Test(filter, document));

    [Theory]
    [InlineData("{ 'a.1': 'y' }", "{ a: ['x', 'y'] }", true)]
    [InlineData("{ 'a.0': 'y' }", "{ a: ['x', 'y'] }", false)]
    [InlineData("{ 'a.5': 'y' }", "{ a: ['x', 'y'] }", false)]
    [InlineData("{ 'a.0.b': 1 }", "{ a: [{ b: 1 }, { b: 2 }] }", true)]
    [InlineData("{ 'a.1.b': 1 }", "{ a: [{ b: 1 }, { b: 2 }] }", false)]
    [InlineData("{ 'a.0': 1 }", "{ a: { '0': 1 } }", true)]
    [InlineData("{ 'a.0': 1 }", "{ a: [{ '0': 1 }] }", true)]
    [InlineData("{ 'a.0': 1 }", "{ a: [[1]] }", false)]
    [InlineData("{ 'a.0': [1] }", "{ a: [[1]] }", true)]
    [InlineData("{ 'a.1': 1 }", "{ a: [{ '1': 1 }] }", true)]
    [InlineData("{ 'a.01': 'y' }", "{ a: ['x', 'y'] }", false)]
    [InlineData("{ 'a.0.0': 1 }", "{ a: [[1, 2]] }", true)]
    public void Numeric_components_index_arrays_and_name_fields(string filter, string document, bool expected) =>
        Assert.Equal(expected, Match.Test(filter, document));

    [Theory]
    // MongoDB docs "Query for Null or Missing Fields".
    [InlineData("{ item: null }", "{ _id: 1, item: null }", true)]
    [InlineData("{ item: null }", "{ _id: 2 }", true)]
    [InlineData("{ item: null }", "{ item: 0 }", false)]
    [InlineData("{ item: null }", "{ item: [1, null] }", true)]
    [InlineData("{ item: null }", "{ item: [] }", false)]
    [InlineData("{ item: null }", "{ item: [1] }", false)]
    [InlineData("{ item: { $eq: null } }", "{ _id: 2 }", true)]
    [InlineData("{ 'a.b': null }", "{ a: 5 }", true)]
    [InlineData("{ 'a.b': null }", "{ a: [{ b: 1 }, { c: 1 }] }", true)]
    [InlineData("{ 'a.b': null }", "{ a: [{ b: 1 }, { b: 2 }] }", false)]
    [InlineData("{ 'a.b': null }", "{ a: [] }", false)]
    [InlineData("{ 'a.b': null }", "{ a: [1, 2] }", false)]
    [InlineData("{ item: { $ne: null } }", "{ _id: 2 }", false)]
    [InlineData("{ item: { $ne: null } }", "{ item: 1 }", true)]
    public void Null_matches_null_and_missing(string filter, string document, bool expected) =>
        Assert.Equal(expected, Match.Test(filter, document));

    [Theory]
    [InlineData("{ a: { $ne: 1 } }", "{ a: 2 }", true)]
    [InlineData("{ a: { $ne: 1 } }", "{ b: 1 }", true)]
    [InlineData("{ a: { $ne: 1 } }", "{ a: [2, 1] }", false)]
    [InlineData("{ a: { $ne: 1 } }", "{ a: [2, 3] }", true)]
    [InlineData("{ 'a.b': { $ne: 1 } }", "{ a: [{ b: 2 }, { b: 1 }] }", false)]
    [InlineData("{ a: { $ne: [1, 2] } }", "{ a: [1, 2] }", false)]
    public void Ne_is_the_negation_of_eq_over_all_reached_values(string filter, string document, bool expected) =>
        Assert.Equal(expected, Match.Test(filter, document));

    [Fact]
    public void Dbref_documents_are_values_not_operators()
    {
        Assert.True(Match.Test("{ r: { $ref: 'c', $id: 1 } }", "{ r: { $ref: 'c', $id: 1 } }"));
        Assert.False(Match.Test("{ r: { $ref: 'c', $id: 1 } }", "{ r: { $ref: 'c', $id: 2 } }"));
        Assert.True(Match.Test("{ r: { $id: 1, $ref: 'c' } }", "{ r: { $id: 1, $ref: 'c' } }"));
        Assert.True(Match.Test("{ r: { $in: [{ $ref: 'c', $id: 1 }] } }", "{ r: { $ref: 'c', $id: 1 } }"));
    }

    [Fact]
    public void Several_fields_must_all_match()
    {
        Assert.True(Match.Test("{ a: 1, b: 2 }", "{ a: 1, b: 2, c: 3 }"));
        Assert.False(Match.Test("{ a: 1, b: 2 }", "{ a: 1, b: 3 }"));
    }

    [Fact]
    public void Eq_with_a_regular_expression_compares_regex_values()
    {
        var doc = new BsonDocument("a", new BsonRegularExpression("ab", "i"));
        Assert.True(Ferry.Query.Filters.FilterMatcher.Compile(new BsonDocument("a", new BsonDocument("$eq", new BsonRegularExpression("ab", "i")))).Matches(doc));
        Assert.False(Match.Test("{ a: { $eq: /ab/ } }", "{ a: 'ab' }"));
    }
}

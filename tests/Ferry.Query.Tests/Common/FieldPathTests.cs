using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Query.Tests.Common;

public class FieldPathTests
{
    private static string Reached(string document, string path, bool expand = true) =>
        string.Join("; ", FieldPath.Traverse(BsonDocument.Parse(document), path, expand)
            .Select(v => (v.Value?.ToJson() ?? "missing") + "@" + (v.ArrayPosition?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-") + (v.IsWholeLeafArray ? "*" : "")));

    [Theory]
    [InlineData("{ a: 1 }", "a", "1@-")]
    [InlineData("{ a: 1 }", "b", "missing@-")]
    [InlineData("{ a: { b: 2 } }", "a.b", "2@-")]
    [InlineData("{ a: 5 }", "a.b", "missing@-")]
    [InlineData("{ a: [1, 2] }", "a", "1@0; 2@1; [1, 2]@-*")]
    [InlineData("{ a: [{ b: 1 }, { c: 1 }, 7] }", "a.b", "1@0; missing@1")]
    [InlineData("{ a: [{ b: [1, 2] }] }", "a.b", "1@0; 2@0; [1, 2]@0*")]
    [InlineData("{ a: [10, 20] }", "a.1", "20@-")]
    [InlineData("{ a: [[1, 2]] }", "a.0", "[1, 2]@-")]
    [InlineData("{ a: [{ '0': 'f' }, 'x'] }", "a.0", "'f'@0; { \"0\" : \"f\" }@-")]
    [InlineData("{ a: [] }", "a.b", "")]
    public void Traverse_reaches_values_the_way_the_matcher_does(string document, string path, string expected) =>
        Assert.Equal(expected.Replace('\'', '"'), Reached(document, path));

    [Fact]
    public void Traverse_without_leaf_expansion_yields_only_the_array() =>
        Assert.Equal("[1, 2]@-", Reached("{ a: [1, 2] }", "a", expand: false));

    [Theory]
    [InlineData("{ a: { b: [1, { c: 2 }] } }", "a.b.1.c", true, "2")]
    [InlineData("{ a: { b: 1 } }", "a.b", true, "1")]
    [InlineData("{ a: [{ b: 1 }] }", "a.b", false, "")]
    [InlineData("{ a: [5] }", "a.01", false, "")]
    public void TryGetValue_walks_documents_and_explicit_indexes_only(string document, string path, bool found, string expected)
    {
        Assert.Equal(found, FieldPath.TryGetValue(BsonDocument.Parse(document), path, out var value));
        if (found)
        {
            Assert.Equal(expected, value.ToJson());
        }
    }

    [Theory]
    [InlineData("{ a: [1, 2] }", "a", "1, 2")]
    [InlineData("{ a: [] }", "a", "undefined")]
    [InlineData("{ }", "a.b", "null")]
    [InlineData("{ a: [{ b: 1 }, 3, { c: 1 }] }", "a.b", "1, null, null")]
    [InlineData("{ a: [[1], 2] }", "a", "[1], 2")]
    [InlineData("{ a: [7, 8] }", "a.1", "8")]
    public void KeyValues_follow_multikey_index_rules(string document, string path, string expected) =>
        Assert.Equal(expected, string.Join(", ", FieldPath.KeyValues(BsonDocument.Parse(document), path).Select(v => v.IsBsonUndefined ? "undefined" : v.ToJson())));

    [Theory]
    [InlineData("0", 0, true)]
    [InlineData("12", 12, true)]
    [InlineData("01", 1, false)]
    [InlineData("a", 0, false)]
    public void IsIndexOf_compares_with_the_element_name(string component, int index, bool expected) =>
        Assert.Equal(expected, FieldPath.IsIndexOf(component, index));
}

using Ferry.Query.Common;
using Ferry.Query.Sorting;
using MongoDB.Bson;

namespace Ferry.Query.Tests.Sorting;

public class SortSpecTests
{
    /// <summary>Sorts documents (each with an _id) and returns the _ids in order; a stable sort keeps ties in input order.</summary>
    private static string Order(string sort, params string[] documents)
    {
        var spec = SortSpec.Parse(BsonDocument.Parse(sort));
        var sorted = documents.Select(BsonDocument.Parse).OrderBy(d => d, spec).ToList();
        return string.Join(",", sorted.Select(d => d["_id"].ToString()));
    }

    [Fact]
    public void Ascending_and_descending_on_one_field()
    {
        Assert.Equal("1,2,3", Order("{ a: 1 }", "{ _id: 2, a: 5 }", "{ _id: 3, a: 9 }", "{ _id: 1, a: 1 }"));
        Assert.Equal("3,2,1", Order("{ a: -1 }", "{ _id: 2, a: 5 }", "{ _id: 3, a: 9 }", "{ _id: 1, a: 1 }"));
    }

    [Fact]
    public void Later_keys_break_ties_of_earlier_ones() =>
        Assert.Equal("3,1,2", Order("{ a: 1, b: -1 }", "{ _id: 1, a: 1, b: 1 }", "{ _id: 2, a: 1, b: 0 }", "{ _id: 3, a: 0, b: 0 }"));

    [Fact]
    public void Types_sort_in_BSON_order() =>
        Assert.Equal("min,null,num,str,obj,arr,oid,bool,date,max", Order("{ a: 1 }",
            "{ _id: 'max', a: { $maxKey: 1 } }",
            "{ _id: 'date', a: ISODate('2020-01-01T00:00:00Z') }",
            "{ _id: 'bool', a: true }",
            "{ _id: 'oid', a: ObjectId('5f0000000000000000000000') }",
            "{ _id: 'arr', a: [[1]] }",
            "{ _id: 'obj', a: { x: 1 } }",
            "{ _id: 'str', a: 'x' }",
            "{ _id: 'num', a: 3 }",
            "{ _id: 'null', a: null }",
            "{ _id: 'min', a: { $minKey: 1 } }"));

    [Fact]
    public void Numbers_of_different_types_sort_together() =>
        Assert.Equal("1,2,3,4", Order("{ a: 1 }", "{ _id: 3, a: 2.5 }", "{ _id: 1, a: NumberLong(1) }", "{ _id: 4, a: NumberDecimal('3') }", "{ _id: 2, a: 2 }"));

    [Fact]
    public void Missing_and_null_are_equal_and_sort_first() =>
        Assert.Equal("m,n,v", Order("{ a: 1 }", "{ _id: 'v', a: 0 }", "{ _id: 'm' }", "{ _id: 'n', a: null }"));

    [Fact]
    public void Missing_and_null_compare_equal() =>
        Assert.Equal(0, SortSpec.Parse(BsonDocument.Parse("{ a: 1 }")).Compare(BsonDocument.Parse("{ }"), BsonDocument.Parse("{ a: null }")));

    [Fact]
    public void Arrays_sort_by_smallest_element_ascending() =>
        Assert.Equal("x,y,z", Order("{ a: 1 }", "{ _id: 'z', a: 3 }", "{ _id: 'y', a: [2, 10] }", "{ _id: 'x', a: [7, 1] }"));

    [Fact]
    public void Arrays_sort_by_largest_element_descending() =>
        Assert.Equal("x,y,z", Order("{ a: -1 }", "{ _id: 'z', a: 3 }", "{ _id: 'y', a: [2, 5] }", "{ _id: 'x', a: [7, 1] }"));

    [Fact]
    public void Empty_array_sorts_below_null() =>
        Assert.Equal("e,n,v", Order("{ a: 1 }", "{ _id: 'v', a: 1 }", "{ _id: 'n', a: null }", "{ _id: 'e', a: [] }"));

    [Fact]
    public void Dotted_paths_reach_into_documents_and_arrays_of_documents()
    {
        Assert.Equal("1,2", Order("{ 'a.b': 1 }", "{ _id: 2, a: { b: 5 } }", "{ _id: 1, a: { b: 4 } }"));
        Assert.Equal("x,y", Order("{ 'a.b': 1 }", "{ _id: 'y', a: [{ b: 5 }, { b: 9 }] }", "{ _id: 'x', a: [{ b: 8 }, { b: 2 }] }"));
        Assert.Equal("y,x", Order("{ 'a.b': -1 }", "{ _id: 'y', a: [{ b: 5 }, { b: 9 }] }", "{ _id: 'x', a: [{ b: 8 }, { b: 2 }] }"));
    }

    [Fact]
    public void An_element_missing_the_field_counts_as_null() =>
        Assert.Equal("x,y", Order("{ 'a.b': 1 }", "{ _id: 'y', a: [{ b: 1 }] }", "{ _id: 'x', a: [{ c: 8 }, { b: 2 }] }"));

    [Fact]
    public void Only_array_elements_on_the_path_count_not_the_array_itself() =>
        // [[0]] vs 1: the element [0] is an array (sorts after numbers), so 1 comes first ascending.
        Assert.Equal("n,a", Order("{ v: 1 }", "{ _id: 'a', v: [[0]] }", "{ _id: 'n', v: 1 }"));

    [Fact]
    public void Scalars_in_an_array_crossed_by_a_dotted_path_count_as_null() =>
        Assert.Equal("s,d", Order("{ 'a.b': 1 }", "{ _id: 'd', a: [{ b: 1 }] }", "{ _id: 's', a: [5, { b: 2 }] }"));

    [Fact]
    public void An_empty_array_on_a_dotted_path_sorts_below_null() =>
        Assert.Equal("e,m", Order("{ 'a.b': 1 }", "{ _id: 'm', a: { c: 1 } }", "{ _id: 'e', a: [] }"));

    [Fact]
    public void Numeric_components_select_array_elements() =>
        Assert.Equal("y,x", Order("{ 'a.1': 1 }", "{ _id: 'x', a: [0, 9] }", "{ _id: 'y', a: [5, 1] }"));

    [Fact]
    public void KeyOf_and_CompareKeys_agree_with_Compare()
    {
        var spec = SortSpec.Parse(BsonDocument.Parse("{ a: -1, b: 1 }"));
        var x = BsonDocument.Parse("{ a: [1, 4], b: 2 }");
        var y = BsonDocument.Parse("{ a: 4, b: 1 }");
        Assert.Equal(new BsonValue[] { 4, 2 }, spec.KeyOf(x));
        Assert.Equal(spec.Compare(x, y), spec.CompareKeys(spec.KeyOf(x), spec.KeyOf(y)));
        Assert.True(spec.Compare(x, y) > 0);
    }

    [Fact]
    public void Fractional_directions_are_truncated_like_MongoDB() =>
        Assert.Equal([("a", 1), ("b", -1)], SortSpec.Parse(BsonDocument.Parse("{ a: 1.5, b: NumberDecimal('-1.9') }")).Keys);

    [Fact]
    public void Keys_are_exposed_in_order() =>
        Assert.Equal([("b", -1), ("a.c", 1)], SortSpec.Parse(BsonDocument.Parse("{ b: -1, 'a.c': 1.0 }")).Keys);

    [Theory]
    [InlineData("{ a: 0 }", 15975)]
    [InlineData("{ a: 2 }", 15975)]
    [InlineData("{ a: 0.5 }", 15975)]
    [InlineData("{ a: 42.12 }", 15975)]
    [InlineData("{ a: 'asc' }", 15974)]
    [InlineData("{ a: true }", 15974)]
    [InlineData("{ a: { $meta: 'textScore' } }", ErrorCodes.BadValue)]
    [InlineData("{ a: { x: 1 } }", 17312)]
    [InlineData("{ '$a': 1 }", 16410)]
    [InlineData("{ 'a..b': 1 }", 15998)]
    public void Bad_sort_specifications_fail_with_MongoDBs_codes(string sort, int code) =>
        Assert.Equal(code, Assert.Throws<MqlException>(() => SortSpec.Parse(BsonDocument.Parse(sort))).Code);

    [Fact]
    public void Illegal_key_message_names_the_field_and_value() =>
        Assert.Equal("Illegal key in $sort specification: a: \"asc\"",
            Assert.Throws<MqlException>(() => SortSpec.Parse(BsonDocument.Parse("{ a: 'asc' }"))).Message);
}

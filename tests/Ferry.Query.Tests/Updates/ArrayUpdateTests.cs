using Ferry.Query.Common;
using static Ferry.Query.Tests.Updates.UpdateTestHelpers;

namespace Ferry.Query.Tests.Updates;

public sealed class ArrayUpdateTests
{
    [Fact]
    public void Push_appends_and_creates_the_array()
    {
        AssertDocument("{ _id: 1, a: [1, 2], b: [3] }", Apply("{ _id: 1, a: [1] }", "{ $push: { a: 2, b: 3 } }").Document);
    }

    [Fact]
    public void Push_each_inserts_at_position_then_sorts_then_slices()
    {
        var outcome = Apply("{ _id: 1, a: [5, 1] }", "{ $push: { a: { $each: [4, 2], $position: 0, $sort: -1, $slice: 3 } } }");
        AssertDocument("{ _id: 1, a: [5, 4, 2] }", outcome.Document);
    }

    [Fact]
    public void Push_negative_position_counts_from_the_end()
    {
        AssertDocument("{ _id: 1, a: [1, 2, 9, 3] }", Apply("{ _id: 1, a: [1, 2, 3] }", "{ $push: { a: { $each: [9], $position: -1 } } }").Document);
    }

    [Fact]
    public void Push_sort_by_document_field()
    {
        var outcome = Apply("{ _id: 1, a: [{ s: 3 }, { s: 1 }] }", "{ $push: { a: { $each: [{ s: 2 }], $sort: { s: 1 } } } }");
        AssertDocument("{ _id: 1, a: [{ s: 1 }, { s: 2 }, { s: 3 }] }", outcome.Document);
    }

    [Fact]
    public void Push_negative_slice_keeps_the_last_elements()
    {
        AssertDocument("{ _id: 1, a: [3, 4] }", Apply("{ _id: 1, a: [1, 2, 3] }", "{ $push: { a: { $each: [4], $slice: -2 } } }").Document);
    }

    [Fact]
    public void Push_onto_a_non_array_is_BadValue()
    {
        AssertFails(ErrorCodes.BadValue, () => Apply("{ _id: 1, a: 1 }", "{ $push: { a: 2 } }"));
    }

    [Fact]
    public void Unknown_push_clause_is_BadValue()
    {
        AssertFails(ErrorCodes.BadValue, () => Apply("{ _id: 1 }", "{ $push: { a: { $each: [1], $foo: 1 } } }"));
    }

    [Fact]
    public void AddToSet_skips_values_equal_in_BSON_order()
    {
        var outcome = Apply("{ _id: 1, a: [1, 'x'] }", "{ $addToSet: { a: { $each: [1.0, 'x', 2, 2] } } }");
        AssertDocument("{ _id: 1, a: [1, 'x', 2] }", outcome.Document);
    }

    [Fact]
    public void Pop_removes_first_or_last()
    {
        AssertDocument("{ _id: 1, a: [2], b: [1] }", Apply("{ _id: 1, a: [1, 2], b: [1, 2] }", "{ $pop: { a: -1, b: 1 } }").Document);
    }

    [Fact]
    public void Pop_on_a_non_array_is_TypeMismatch()
    {
        AssertFails(ErrorCodes.TypeMismatch, () => Apply("{ _id: 1, a: 1 }", "{ $pop: { a: 1 } }"));
    }

    [Fact]
    public void Pull_removes_equal_values()
    {
        AssertDocument("{ _id: 1, a: [2, 3] }", Apply("{ _id: 1, a: [1, 2, 1.0, 3] }", "{ $pull: { a: 1 } }").Document);
    }

    [Fact]
    public void Pull_with_an_operator_condition_matches_each_element()
    {
        AssertDocument("{ _id: 1, a: [1, 2, 7] }", Apply("{ _id: 1, a: [1, 2, 5, 6, 7] }", "{ $pull: { a: { $gte: 5, $lt: 7 } } }").Document);
    }

    [Fact]
    public void Pull_with_a_field_condition_matches_document_elements()
    {
        var outcome = Apply("{ _id: 1, a: [{ s: 8, i: 'B' }, { s: 8, i: 'C' }, 8] }", "{ $pull: { a: { s: 8, i: 'B' } } }");
        AssertDocument("{ _id: 1, a: [{ s: 8, i: 'C' }, 8] }", outcome.Document);
    }

    [Fact]
    public void PullAll_removes_every_listed_value()
    {
        AssertDocument("{ _id: 1, a: [2] }", Apply("{ _id: 1, a: [0, 2, 5, 5, 0] }", "{ $pullAll: { a: [0, 5] } }").Document);
    }

    [Fact]
    public void Pull_on_a_non_array_is_BadValue()
    {
        AssertFails(ErrorCodes.BadValue, () => Apply("{ _id: 1, a: 1 }", "{ $pull: { a: 1 } }"));
    }
}

using Ferry.Query.Common;
using static Ferry.Query.Tests.Updates.UpdateTestHelpers;

namespace Ferry.Query.Tests.Updates;

public sealed class PositionalUpdateTests
{
    [Fact]
    public void Positional_operator_uses_the_array_position_matched_by_the_filter()
    {
        var outcome = Apply("{ _id: 1, grades: [85, 80, 80] }", "{ $set: { 'grades.$': 82 } }", "{ grades: 80 }");
        AssertDocument("{ _id: 1, grades: [85, 82, 80] }", outcome.Document);
    }

    [Fact]
    public void Positional_operator_reaches_into_the_matched_document()
    {
        var outcome = Apply("{ _id: 1, g: [{ v: 1, n: 0 }, { v: 2, n: 0 }] }", "{ $inc: { 'g.$.n': 5 } }", "{ 'g.v': 2 }");
        AssertDocument("{ _id: 1, g: [{ v: 1, n: 0 }, { v: 2, n: 5 }] }", outcome.Document);
    }

    [Fact]
    public void Positional_operator_without_a_match_is_BadValue()
    {
        var e = AssertFails(ErrorCodes.BadValue, () => Apply("{ _id: 1, a: [1] }", "{ $set: { 'a.$': 2 } }"));
        Assert.Equal("The positional operator did not find the match needed from the query.", e.Message);
    }

    [Fact]
    public void All_positional_updates_every_element()
    {
        AssertDocument("{ _id: 1, a: [{ x: 11 }, { x: 12 }] }", Apply("{ _id: 1, a: [{ x: 1 }, { x: 2 }] }", "{ $inc: { 'a.$[].x': 10 } }").Document);
    }

    [Fact]
    public void Filtered_positional_updates_the_elements_its_filter_matches()
    {
        var outcome = Apply("{ _id: 1, s: [150, 210, 200, 180] }", "{ $set: { 's.$[e]': 200 } }", arrayFilters: "[{ e: { $gte: 200 } }]");
        AssertDocument("{ _id: 1, s: [150, 200, 200, 180] }", outcome.Document);
    }

    [Fact]
    public void Filtered_positional_on_document_fields_and_nested_arrays()
    {
        var outcome = Apply(
            "{ _id: 1, r: [{ t: 'q', a: [20, 10] }, { t: 'h', a: [30] }] }",
            "{ $inc: { 'r.$[x].a.$[y]': 1 } }",
            arrayFilters: "[{ 'x.t': 'q' }, { y: { $gte: 15 } }]");
        AssertDocument("{ _id: 1, r: [{ t: 'q', a: [21, 10] }, { t: 'h', a: [30] }] }", outcome.Document);
    }

    [Fact]
    public void Array_update_on_a_missing_path_is_BadValue()
    {
        AssertFails(ErrorCodes.BadValue, () => Apply("{ _id: 1 }", "{ $set: { 'a.$[]': 1 } }"));
    }

    [Fact]
    public void Positional_and_a_named_index_apply_side_by_side()
    {
        var outcome = Apply("{ _id: 1, a: [1, 2, 3] }", "{ $set: { 'a.$': 5, 'a.1': 6 } }", "{ a: 1 }");
        AssertDocument("{ _id: 1, a: [5, 6, 3] }", outcome.Document);
    }

    [Fact]
    public void Positional_landing_on_the_same_index_as_a_named_path_is_a_conflict()
    {
        var e = AssertFails(ErrorCodes.ConflictingUpdateOperators, () => Apply("{ _id: 1, a: [1, 2, 3] }", "{ $set: { 'a.$': 5, 'a.1': 6 } }", "{ a: 2 }"));
        Assert.Equal("Update created a conflict at 'a.1'", e.Message);
    }
}

using Ferry.Query.Common;
using static Ferry.Query.Tests.Updates.UpdateTestHelpers;

namespace Ferry.Query.Tests.Updates;

public sealed class FieldUpdateTests
{
    [Fact]
    public void Set_creates_intermediate_documents()
    {
        AssertDocument("{ _id: 1, a: { b: { c: 5 } } }", Apply("{ _id: 1 }", "{ $set: { 'a.b.c': 5 } }").Document);
    }

    [Fact]
    public void New_fields_are_appended_in_lexicographic_order_existing_ones_keep_their_place()
    {
        var outcome = Apply("{ _id: 1, m: 1 }", "{ $set: { z: 1, b: 2, m: 3, a: 4 } }");
        AssertDocument("{ _id: 1, m: 3, a: 4, b: 2, z: 1 }", outcome.Document);
    }

    [Fact]
    public void Numeric_field_names_are_applied_in_numeric_order()
    {
        var outcome = Apply("{ _id: 1, a: { } }", "{ $set: { 'a.10': 1, 'a.9': 2 } }");
        AssertDocument("{ _id: 1, a: { '9': 2, '10': 1 } }", outcome.Document);
    }

    [Fact]
    public void Setting_beyond_the_end_of_an_array_pads_with_nulls()
    {
        AssertDocument("{ _id: 1, a: [1, null, null, 4] }", Apply("{ _id: 1, a: [1] }", "{ $set: { 'a.3': 4 } }").Document);
    }

    [Fact]
    public void Numeric_part_indexes_an_existing_array_element()
    {
        AssertDocument("{ _id: 1, a: [{ b: 1 }, { b: 9 }] }", Apply("{ _id: 1, a: [{ b: 1 }, { b: 2 }] }", "{ $set: { 'a.1.b': 9 } }").Document);
    }

    [Fact]
    public void Creating_a_field_inside_a_scalar_is_PathNotViable()
    {
        var e = AssertFails(ErrorCodes.PathNotViable, () => Apply("{ _id: 1, a: 1 }", "{ $set: { 'a.b': 2 } }"));
        Assert.Equal("Cannot create field 'b' in element {a: 1}", e.Message);
    }

    [Fact]
    public void Changing_id_is_ImmutableField()
    {
        var e = AssertFails(ErrorCodes.ImmutableField, () => Apply("{ _id: 1 }", "{ $set: { _id: 2 } }"));
        Assert.Equal("Performing an update on the path '_id' would modify the immutable field '_id'", e.Message);
    }

    [Fact]
    public void Setting_id_to_its_identical_value_is_a_no_op()
    {
        Assert.False(Apply("{ _id: 1, a: 1 }", "{ $set: { _id: 1 } }").Modified);
    }

    [Fact]
    public void Update_that_changes_nothing_is_not_modified()
    {
        var outcome = Apply("{ _id: 1, a: 1, b: [1, 2], m: 3 }", "{ $set: { a: 1 }, $min: { m: 5 }, $addToSet: { b: 2 }, $unset: { c: 1 } }");
        Assert.False(outcome.Modified);
        AssertDocument("{ _id: 1, a: 1, b: [1, 2], m: 3 }", outcome.Document);
    }

    [Fact]
    public void Setting_a_value_of_another_numeric_type_is_a_change()
    {
        var outcome = Apply("{ _id: 1, a: 1 }", "{ $set: { a: 1.0 } }");
        Assert.True(outcome.Modified);
        AssertDocument("{ _id: 1, a: 1.0 }", outcome.Document);
    }

    [Fact]
    public void Unset_inside_an_array_leaves_null()
    {
        AssertDocument("{ _id: 1, a: [1, null, 3] }", Apply("{ _id: 1, a: [1, 2, 3] }", "{ $unset: { 'a.1': '' } }").Document);
    }

    [Fact]
    public void Inc_on_a_string_is_TypeMismatch_with_MongoDBs_message()
    {
        var e = AssertFails(ErrorCodes.TypeMismatch, () => Apply("{ _id: 1, a: 'x' }", "{ $inc: { a: 1 } }"));
        Assert.Equal("Cannot apply $inc to a value of non-numeric type. {_id: 1} has the field 'a' of non-numeric type string", e.Message);
    }

    [Fact]
    public void Int_overflow_becomes_long()
    {
        AssertDocument("{ _id: 1, a: NumberLong('2147483648') }", Apply("{ _id: 1, a: 2147483647 }", "{ $inc: { a: 1 } }").Document);
    }

    [Fact]
    public void Long_overflow_is_an_error()
    {
        AssertFails(ErrorCodes.BadValue, () => Apply("{ _id: 1, a: NumberLong('9223372036854775807') }", "{ $inc: { a: 1 } }"));
    }

    [Fact]
    public void Int_plus_double_is_double_and_decimal_wins()
    {
        AssertDocument("{ _id: 1, a: 3.5, b: NumberDecimal('3.5') }",
            Apply("{ _id: 1, a: 1, b: 1 }", "{ $inc: { a: 2.5, b: NumberDecimal('2.5') } }").Document);
    }

    [Fact]
    public void Mul_on_a_missing_field_creates_zero_of_the_operand_type()
    {
        AssertDocument("{ _id: 1, a: NumberLong(0), b: 0.0 }",
            Apply("{ _id: 1 }", "{ $mul: { a: NumberLong(5), b: 2.5 } }").Document);
    }

    [Fact]
    public void Min_and_max_compare_in_BSON_order()
    {
        AssertDocument("{ _id: 1, a: 2, b: 'x' }", Apply("{ _id: 1, a: 5, b: 3 }", "{ $min: { a: 2 }, $max: { b: 'x' } }").Document);
    }

    [Fact]
    public void CurrentDate_uses_the_context_clock()
    {
        var doc = Apply("{ _id: 1 }", "{ $currentDate: { d: true, t: { $type: 'timestamp' } } }").Document;
        Assert.Equal(Now.ToUnixTimeMilliseconds(), doc["d"].AsBsonDateTime.MillisecondsSinceEpoch);
        Assert.Equal(Now.ToUnixTimeSeconds(), doc["t"].AsBsonTimestamp.Timestamp);
    }

    [Fact]
    public void Rename_moves_the_value_and_removes_the_source()
    {
        AssertDocument("{ _id: 1, b: { c: 1 } }", Apply("{ _id: 1, a: 1, b: { } }", "{ $rename: { a: 'b.c' } }").Document);
    }

    [Fact]
    public void Rename_of_a_missing_field_is_a_no_op()
    {
        Assert.False(Apply("{ _id: 1, a: 1 }", "{ $rename: { x: 'y' } }").Modified);
    }

    [Fact]
    public void Rename_out_of_an_array_element_is_BadValue()
    {
        AssertFails(ErrorCodes.BadValue, () => Apply("{ _id: 1, a: [{ b: 1 }] }", "{ $rename: { 'a.0.b': 'c' } }"));
    }

    [Fact]
    public void Bit_combines_with_and_or_xor()
    {
        AssertDocument("{ _id: 1, a: 7, b: NumberLong(1) }",
            Apply("{ _id: 1, a: 5, b: 3 }", "{ $bit: { a: { or: 2 }, b: { and: NumberLong(1) } } }").Document);
    }

    [Fact]
    public void SetOnInsert_does_nothing_on_an_update()
    {
        Assert.False(Apply("{ _id: 1 }", "{ $setOnInsert: { a: 1 } }").Modified);
    }

    [Fact]
    public void Replacement_keeps_the_original_id_first()
    {
        var spec = Ferry.Query.Updates.UpdateSpec.Parse(Doc("{ b: 2, c: 3 }"));
        AssertDocument("{ _id: 1, b: 2, c: 3 }", spec.Apply(Doc("{ _id: 1, a: 1 }")).Document);
    }

    [Fact]
    public void Replacement_with_another_id_is_ImmutableField()
    {
        var spec = Ferry.Query.Updates.UpdateSpec.Parse(Doc("{ _id: 2, b: 2 }"));
        AssertFails(ErrorCodes.ImmutableField, () => spec.Apply(Doc("{ _id: 1, a: 1 }")));
    }
}

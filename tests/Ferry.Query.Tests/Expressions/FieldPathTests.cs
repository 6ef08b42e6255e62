using MongoDB.Bson;
using static Ferry.Query.Tests.Expressions.ExpressionAssert;

namespace Ferry.Query.Tests.Expressions;

public class FieldPathTests
{
    [Fact]
    public void Field_path_reads_a_nested_value() => Yields("5", "'$a.b'", "{ a: { b: 5 } }");

    [Fact]
    public void Missing_field_is_missing() => YieldsMissing("'$a.x'", "{ a: { b: 5 } }");

    [Fact]
    public void Path_through_an_array_of_documents_yields_the_array_of_values() =>
        Yields("[1, 2]", "'$a.b'", "{ a: [ { b: 1 }, { c: 9 }, 7, { b: 2 } ] }");

    [Fact]
    public void Path_through_nested_arrays_skips_inner_arrays() =>
        Yields("[[1], []]", "'$a.b.c'", "{ a: [ { b: [ { c: 1 } ] }, { b: [ [ { c: 2 } ] ] } ] }");

    [Fact]
    public void Numeric_path_component_is_a_field_name_not_an_index() =>
        Yields("[]", "'$a.0'", "{ a: [ 10, 20 ] }");

    [Fact]
    public void Root_and_current_variables_are_the_document() =>
        Yields("{ x: 1 }", "'$$ROOT'", "{ x: 1 }");

    [Fact]
    public void Root_variable_with_path() => Yields("3", "'$$CURRENT.a.b'", "{ a: { b: 3 } }");

    [Fact]
    public void Now_is_the_evaluation_instant() => Yields("ISODate('2024-03-15T12:30:45.123Z')", "'$$NOW'");

    [Fact]
    public void Remove_is_missing() => YieldsMissing("'$$REMOVE'");

    [Fact]
    public void Expression_object_leaves_out_missing_fields() =>
        Yields("{ a: 1, c: null }", "{ a: '$x', b: '$nope', c: null }", "{ x: 1 }");

    [Fact]
    public void Array_expression_turns_missing_into_null() => Yields("[1, null]", "['$x', '$nope']", "{ x: 1 }");

    [Fact]
    public void Literal_is_not_evaluated() => Yields("'$notAPath'", "{ $literal: '$notAPath' }");

    [Fact]
    public void User_variables_come_from_the_context()
    {
        var context = new Ferry.Query.Common.QueryContext { Variables = new BsonDocument("limit", 10) };
        Assert.Equal(new BsonInt32(10), Eval("'$$limit'", "{}", context));
    }

    [Fact]
    public void Undefined_variable_fails_at_compile_time() => Fails(17276, "'$$nope'");

    [Fact]
    public void Unknown_operator_fails_with_168()
    {
        var error = Fails(168, "{ $foo: 1 }");
        Assert.Equal("Unrecognized expression '$foo'", error.Message);
        Assert.Equal("InvalidPipelineOperator", error.CodeName);
    }

    [Fact]
    public void Operator_object_with_two_fields_fails() => Fails(15983, "{ $add: [1], $abs: 1 }");

    [Fact]
    public void Bare_dollar_is_not_a_field_path() => Fails(16872, "'$'");

    [Fact]
    public void Empty_path_component_fails() => Fails(15998, "'$a..b'");
}

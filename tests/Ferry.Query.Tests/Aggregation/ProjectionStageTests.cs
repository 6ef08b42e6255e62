using static Ferry.Query.Tests.Aggregation.Pipelines;

namespace Ferry.Query.Tests.Aggregation;

public class ProjectionStageTests
{
    [Fact]
    public Task Inclusion_keeps_input_order_and_id() =>
        YieldsAsync(["{ _id: 1, a: 1, c: 3 }"], "[{ $project: { c: 1, a: 1 } }]", ["{ _id: 1, a: 1, b: 2, c: 3 }"]);

    [Fact]
    public Task Inclusion_can_drop_id() =>
        YieldsAsync(["{ a: 1 }"], "[{ $project: { _id: 0, a: 1 } }]", ["{ _id: 1, a: 1, b: 2 }"]);

    [Fact]
    public Task Computed_fields_are_appended_in_spec_order() =>
        YieldsAsync(["{ _id: 1, a: 1, sum: 3, lit: 'x' }"], "[{ $project: { sum: { $add: ['$a', '$b'] }, a: 1, lit: { $literal: 'x' } } }]", ["{ _id: 1, a: 1, b: 2 }"]);

    [Fact]
    public Task Dotted_inclusion_reaches_into_arrays_of_documents() =>
        YieldsAsync(["{ _id: 1, a: [{ b: 1 }, { b: 2 }, {}] }"], "[{ $project: { 'a.b': 1 } }]", ["{ _id: 1, a: [{ b: 1, c: 1 }, { b: 2 }, 5, { c: 3 }], z: 1 }"]);

    [Fact]
    public Task Nested_specification_equals_dotted() =>
        YieldsAsync(["{ _id: 1, a: { b: 1 } }"], "[{ $project: { a: { b: 1 } } }]", ["{ _id: 1, a: { b: 1, c: 2 } }"]);

    [Fact]
    public Task Exclusion_removes_nested_fields() =>
        YieldsAsync(["{ _id: 1, a: { c: 2 }, d: 4 }"], "[{ $project: { 'a.b': 0 } }]", ["{ _id: 1, a: { b: 1, c: 2 }, d: 4 }"]);

    [Fact]
    public Task Computed_field_through_a_scalar_replaces_it_with_a_document() =>
        YieldsAsync(["{ _id: 1, a: { b: 1 } }"], "[{ $project: { 'a.b': { $literal: 1 } } }]", ["{ _id: 1, a: 5 }"]);

    [Fact]
    public Task Missing_computed_value_is_left_out() =>
        YieldsAsync(["{ _id: 1 }"], "[{ $project: { x: '$nope' } }]", ["{ _id: 1, a: 1 }"]);

    [Fact]
    public Task Mixing_inclusion_and_exclusion_fails() => FailsAsync(31254, "[{ $project: { a: 1, b: 0 } }]", "{}");

    [Fact]
    public Task Path_collision_fails() => FailsAsync(31250, "[{ $project: { a: 1, 'a.b': 1 } }]", "{}");

    [Fact]
    public Task Empty_project_fails() => FailsAsync(51272, "[{ $project: {} }]", "{}");

    [Fact]
    public Task AddFields_replaces_in_place_and_appends_new() =>
        YieldsAsync(["{ _id: 1, a: 10, b: 2, c: 12 }"], "[{ $addFields: { a: { $multiply: ['$a', 10] }, c: { $add: ['$a', 11] } } }]", ["{ _id: 1, a: 1, b: 2 }"]);

    [Fact]
    public Task Set_with_nested_spec_merges_into_embedded_document() =>
        YieldsAsync(["{ _id: 1, s: { x: 1, y: 2 } }"], "[{ $set: { s: { y: 2 } } }]", ["{ _id: 1, s: { x: 1 } }"]);

    [Fact]
    public Task Set_dotted_path_into_array_sets_each_element() =>
        YieldsAsync(["{ _id: 1, a: [{ c: 1, b: 0 }, { b: 0 }] }"], "[{ $set: { 'a.b': 0 } }]", ["{ _id: 1, a: [{ c: 1 }, 7] }"]);

    [Fact]
    public Task Set_to_remove_deletes_the_field() =>
        YieldsAsync(["{ _id: 1 }"], "[{ $set: { a: '$$REMOVE' } }]", ["{ _id: 1, a: 1 }"]);

    [Fact]
    public Task Unset_removes_paths() =>
        YieldsAsync(["{ _id: 1, a: { c: 2 } }"], "[{ $unset: ['a.b', 'd'] }]", ["{ _id: 1, a: { b: 1, c: 2 }, d: 4 }"]);

    [Fact]
    public Task Unset_of_an_empty_list_fails() => FailsAsync(31119, "[{ $unset: [] }]", "{}");

    [Fact]
    public Task ReplaceRoot_promotes_an_embedded_document() =>
        YieldsAsync(["{ x: 1 }"], "[{ $replaceRoot: { newRoot: '$inner' } }]", ["{ _id: 1, inner: { x: 1 } }"]);

    [Fact]
    public Task ReplaceWith_a_non_document_fails() => FailsAsync(40228, "[{ $replaceWith: '$a' }]", "{ a: 1 }");
}

/// <summary>Cases from MongoDB's own tests of $addFields (jstests/aggregation/sources/addFields/dotted_paths.js, empty_objs.js).</summary>
public class AddFieldsRecordedTests
{
    private const string Input = "{ _id: 1, arrayField: [1, { subField: [2, {}] }, [1]], objField: { p: { q: 1 }, subArr: [1] }, otherField: 'value' }";

    [Theory]
    [InlineData("{ 'objField.subArr': 'newValue' }", "{ _id: 1, arrayField: [1, { subField: [2, {}] }, [1]], objField: { p: { q: 1 }, subArr: 'newValue' }, otherField: 'value' }")]
    [InlineData("{ 'objField.newSubPath.b': 'newValue' }", "{ _id: 1, arrayField: [1, { subField: [2, {}] }, [1]], objField: { p: { q: 1 }, subArr: [1], newSubPath: { b: 'newValue' } }, otherField: 'value' }")]
    [InlineData("{ 'newField.newSubPath.b': { $literal: 'newValue' } }", "{ _id: 1, arrayField: [1, { subField: [2, {}] }, [1]], objField: { p: { q: 1 }, subArr: [1] }, otherField: 'value', newField: { newSubPath: { b: 'newValue' } } }")]
    [InlineData("{ 'arrayField.newSubPath.b': 'newValue' }", "{ _id: 1, arrayField: [{ newSubPath: { b: 'newValue' } }, { subField: [2, {}], newSubPath: { b: 'newValue' } }, [{ newSubPath: { b: 'newValue' } }]], objField: { p: { q: 1 }, subArr: [1] }, otherField: 'value' }")]
    [InlineData("{ 'arrayField.subField.b': 'v' }", "{ _id: 1, arrayField: [{ subField: { b: 'v' } }, { subField: [{ b: 'v' }, { b: 'v' }] }, [{ subField: { b: 'v' } }]], objField: { p: { q: 1 }, subArr: [1] }, otherField: 'value' }")]
    [InlineData("{ otherField: {} }", "{ _id: 1, arrayField: [1, { subField: [2, {}] }, [1]], objField: { p: { q: 1 }, subArr: [1] }, otherField: {} }")]
    [InlineData("{ otherField: { b: {} } }", "{ _id: 1, arrayField: [1, { subField: [2, {}] }, [1]], objField: { p: { q: 1 }, subArr: [1] }, otherField: { b: {} } }")]
    [InlineData("{ otherField: [] }", "{ _id: 1, arrayField: [1, { subField: [2, {}] }, [1]], objField: { p: { q: 1 }, subArr: [1] }, otherField: [] }")]
    [InlineData("{ newField: {} }", "{ _id: 1, arrayField: [1, { subField: [2, {}] }, [1]], objField: { p: { q: 1 }, subArr: [1] }, otherField: 'value', newField: {} }")]
    public Task AddFields_matches_MongoDB(string spec, string expected) =>
        Pipelines.YieldsAsync([expected], "[{ $addFields: " + spec + " }]", [Input]);
}

/// <summary>Cases from MongoDB's own tests of $project (jstests/aggregation/sources/project/*.js).</summary>
public class ProjectRecordedTests
{
    [Theory]
    [InlineData("{ a: { $literal: 'newValue' }, _id: 0 }", "{ a: 'newValue' }")]
    [InlineData("{ 'a.b': { $literal: 'newValue' }, _id: 0 }", "{ a: [{ b: 'newValue' }, { b: 'newValue' }, { b: 'newValue' }, { b: 'newValue' }] }")]
    [InlineData("{ 'a.b.c': { $literal: 'newValue' }, _id: 0 }", "{ a: [{ b: { c: 'newValue' } }, { b: { c: 'newValue' } }, { b: { c: 'newValue' } }, { b: { c: 'newValue' } }] }")]
    public Task Dotted_computed_paths_match_project_dotted_paths_js(string projection, string expected) =>
        Pipelines.YieldsAsync([expected], "[{ $project: " + projection + " }]", ["{ _id: 1, a: [1, { b: 2 }, 3, {}] }"]);

    [Theory]
    [InlineData("{ _id: 0, 'a.subObj1': { $literal: 1 }, 'a.subObj2': 1, 'a.subObj3.q': 1 }")]
    [InlineData("{ _id: 0, 'a.subObj2': 1, 'a.subObj1': { $literal: 1 }, 'a.subObj3.q': { r: 1 } }")]
    [InlineData("{ _id: 0, a: { subObj1: { $literal: 1 }, subObj2: 1, subObj3: { q: { r: 1 } } } }")]
    [InlineData("{ _id: 0, a: { subObj2: 1, subObj1: { $literal: 1 }, subObj3: { q: 1 } } }")]
    public Task Mixed_inclusions_and_expressions_match_project_with_expressions_js(string projection) =>
        Pipelines.YieldsAsync(["{ a: { subObj2: { p: 1 }, subObj3: {}, subObj1: 1 } }"], "[{ $project: " + projection + " }]",
            ["{ _id: 0, a: { subObj1: { p: 1 }, subObj2: { p: 1 }, subObj3: { p: 1 } } }"]);
}

public class ProjectMissingPathTests
{
    [Fact]
    public Task Missing_subpaths_are_left_out_as_handle_missing_subpath_js() =>
        Pipelines.YieldsAsync(["{}", "{ field: 2 }", "{ foo: { bar: 3 }, field: { bar: 3 }, path: 3 }"],
            "[{ $project: { _id: 0, 'foo.bar': 1, field: '$foo', path: '$foo.bar' } }]",
            ["{ _id: 0, a: 1 }", "{ _id: 1, foo: 2 }", "{ _id: 2, foo: { bar: 3 } }"]);

    [Fact]
    public Task Non_existent_subfield_projects_as_find_does() =>
        Pipelines.YieldsAsync(["{ _id: 1, a: [] }", "{ _id: 2, a: {} }", "{ _id: 3, a: [{}, { b: 1 }, {}] }", "{ _id: 4 }", "{ _id: 5 }"],
            "[{ $project: { 'a.b': 1 } }]",
            ["{ _id: 1, a: [1] }", "{ _id: 2, a: { c: 1 } }", "{ _id: 3, a: [{ c: 1 }, { b: 1, c: 1 }, { c: 1 }] }", "{ _id: 4, a: 1 }", "{ _id: 5, b: 1 }"]);
}

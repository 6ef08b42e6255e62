using static Ferry.Query.Tests.Aggregation.Pipelines;

namespace Ferry.Query.Tests.Aggregation;

public class UnwindAndLookupTests
{
    [Fact]
    public Task Unwind_emits_one_document_per_element() =>
        YieldsAsync(["{ _id: 1, a: 1 }", "{ _id: 1, a: 2 }", "{ _id: 3, a: 'x' }"], "[{ $unwind: '$a' }]",
            ["{ _id: 1, a: [1, 2] }", "{ _id: 2, a: [] }", "{ _id: 3, a: 'x' }", "{ _id: 4, a: null }", "{ _id: 5 }"]);

    [Fact]
    public Task Unwind_preserving_null_and_empty_arrays_with_index() =>
        YieldsAsync(
        [
            "{ _id: 1, a: 1, i: NumberLong(0) }", "{ _id: 1, a: 2, i: NumberLong(1) }", "{ _id: 2, i: null }",
            "{ _id: 3, a: 'x', i: null }", "{ _id: 4, a: null, i: null }", "{ _id: 5, i: null }",
        ],
            "[{ $unwind: { path: '$a', includeArrayIndex: 'i', preserveNullAndEmptyArrays: true } }]",
            ["{ _id: 1, a: [1, 2] }", "{ _id: 2, a: [] }", "{ _id: 3, a: 'x' }", "{ _id: 4, a: null }", "{ _id: 5 }"]);

    [Fact]
    public Task Unwind_nested_path() =>
        YieldsAsync(["{ _id: 1, o: { a: 1, k: 0 } }", "{ _id: 1, o: { a: 2, k: 0 } }"], "[{ $unwind: '$o.a' }]", ["{ _id: 1, o: { a: [1, 2], k: 0 } }"]);

    [Fact]
    public Task Unwind_path_without_dollar_fails() => FailsAsync(28818, "[{ $unwind: 'a' }]");

    [Fact]
    public Task Unwind_unknown_option_fails() => FailsAsync(28811, "[{ $unwind: { path: '$a', x: 1 } }]");

    [Fact]
    public async Task Lookup_joins_by_equality_and_reads_the_foreign_collection_once()
    {
        var source = new InMemorySource().With("items", "{ _id: 'a', n: 'A' }", "{ _id: 'b', n: 'B' }", "{ _id: 'c', n: 'C' }");
        await YieldsAsync(
        [
            "{ _id: 1, item: 'a', j: [{ _id: 'a', n: 'A' }] }",
            "{ _id: 2, item: 'x', j: [] }",
            "{ _id: 3, item: 'b', j: [{ _id: 'b', n: 'B' }] }",
        ],
            "[{ $lookup: { from: 'items', localField: 'item', foreignField: '_id', as: 'j' } }]",
            ["{ _id: 1, item: 'a' }", "{ _id: 2, item: 'x' }", "{ _id: 3, item: 'b' }"], source);
        Assert.Equal(1, source.Reads["items"]);
    }

    [Fact]
    public Task Lookup_local_array_matches_any_element() =>
        YieldsAsync(["{ _id: 1, ks: [1, 3], j: [{ _id: 'x', k: 1 }, { _id: 'z', k: 3 }] }"],
            "[{ $lookup: { from: 'f', localField: 'ks', foreignField: 'k', as: 'j' } }]",
            ["{ _id: 1, ks: [1, 3] }"], new InMemorySource().With("f", "{ _id: 'x', k: 1 }", "{ _id: 'y', k: 2 }", "{ _id: 'z', k: 3 }"));

    [Fact]
    public Task Lookup_foreign_array_matches_its_elements() =>
        YieldsAsync(["{ _id: 1, k: 2, j: [{ _id: 'x', ks: [1, 2] }] }"],
            "[{ $lookup: { from: 'f', localField: 'k', foreignField: 'ks', as: 'j' } }]",
            ["{ _id: 1, k: 2 }"], new InMemorySource().With("f", "{ _id: 'x', ks: [1, 2] }", "{ _id: 'y', ks: [3] }"));

    [Fact]
    public Task Lookup_missing_local_field_matches_null_and_missing_foreign_fields() =>
        YieldsAsync(["{ _id: 1, j: [{ _id: 'x' }, { _id: 'y', k: null }] }"],
            "[{ $lookup: { from: 'f', localField: 'k', foreignField: 'k', as: 'j' } }]",
            ["{ _id: 1 }"], new InMemorySource().With("f", "{ _id: 'x' }", "{ _id: 'y', k: null }", "{ _id: 'z', k: 1 }"));

    [Fact]
    public Task Lookup_numeric_types_join_across_types() =>
        YieldsAsync(["{ _id: 1, k: 1, j: [{ _id: 'x', k: 1.0 }, { _id: 'y', k: NumberLong(1) }] }"],
            "[{ $lookup: { from: 'f', localField: 'k', foreignField: 'k', as: 'j' } }]",
            ["{ _id: 1, k: 1 }"], new InMemorySource().With("f", "{ _id: 'x', k: 1.0 }", "{ _id: 'y', k: NumberLong(1) }"));

    [Fact]
    public Task Lookup_with_let_and_pipeline() =>
        YieldsAsync(["{ _id: 1, min: 2, j: [{ v: 3 }] }"],
            "[{ $lookup: { from: 'f', let: { m: '$min' }, pipeline: [{ $replaceWith: { v: '$v', keep: { $gt: ['$v', '$$m'] } } }, { $match: { keep: true } }, { $project: { _id: 0, v: 1 } }], as: 'j' } }]",
            ["{ _id: 1, min: 2 }"], new InMemorySource().With("f", "{ v: 1 }", "{ v: 3 }"));

    [Fact]
    public Task Lookup_without_as_fails() => FailsAsync(ErrorCodesFailedToParse, "[{ $lookup: { from: 'f', localField: 'a', foreignField: 'b' } }]");

    [Fact]
    public Task Lookup_pipeline_with_undefined_variable_fails() => FailsAsync(17276, "[{ $lookup: { from: 'f', pipeline: [{ $set: { x: '$$nope' } }], as: 'j' } }]");

    [Fact]
    public Task UnionWith_appends_another_collection() =>
        YieldsAsync(["{ _id: 1 }", "{ _id: 'x', v: 2 }"], "[{ $unionWith: { coll: 'f', pipeline: [{ $match: { v: 2 } }] } }]",
            ["{ _id: 1 }"], new InMemorySource().With("f", "{ _id: 'w', v: 1 }", "{ _id: 'x', v: 2 }"));

    private const int ErrorCodesFailedToParse = 9;
}

public class LookupExprTests
{
    [Fact]
    public Task Lookup_pipeline_matches_with_expr_on_let_variables() =>
        Pipelines.YieldsAsync(["{ _id: 1, k: 2, j: [{ v: 2 }] }"],
            "[{ $lookup: { from: 'f', let: { key: '$k' }, pipeline: [{ $match: { $expr: { $eq: ['$v', '$$key'] } } }, { $project: { _id: 0 } }], as: 'j' } }]",
            ["{ _id: 1, k: 2 }"], new InMemorySource().With("f", "{ _id: 'a', v: 1 }", "{ _id: 'b', v: 2 }"));

    [Fact]
    public Task Documents_stage_replaces_the_input() =>
        Pipelines.YieldsAsync(["{ a: 1 }", "{ a: 2 }"], "[{ $documents: [{ a: 1 }, { a: 2 }] }]", ["{ ignored: true }"]);

    [Fact]
    public Task Match_with_expr_in_a_pipeline() =>
        Pipelines.YieldsAsync(["{ _id: 2, a: 5, b: 3 }"], "[{ $match: { $expr: { $gt: ['$a', '$b'] } } }]", ["{ _id: 1, a: 1, b: 3 }", "{ _id: 2, a: 5, b: 3 }"]);
}

/// <summary>Expected joins recorded from a real MongoDB (OpenDocDB cts, aggregation/stages/lookup/path) on a subset of its fixtures.</summary>
public class LookupRecordedBehaviourTests
{
    private static InMemorySource Composites() => new InMemorySource().With("c",
        "{ _id: 'document', v: { foo: 42 } }", "{ _id: 'document-empty', v: {} }", "{ _id: 'document-null', v: { foo: null } }",
        "{ _id: 'document-nested', v: { foo: { document: 12 } } }", "{ _id: 'array', v: [42] }", "{ _id: 'array-empty', v: [] }",
        "{ _id: 'array-null', v: [null] }", "{ _id: 'array-documents', v: [{ foo: 42 }, { foo: 44 }, { bar: 42 }] }",
        "{ _id: 'array-document-empty', v: [{}] }", "{ _id: 'array-nested', v: [['foo']] }");

    private static async Task<List<string>> JoinedIds(string local)
    {
        var results = await Pipelines.RunAsync("[{ $lookup: { from: 'c', localField: 'v', foreignField: 'v.foo', as: 'j' } }]", [local], Composites());
        return results[0]["j"].AsBsonArray.Select(d => d["_id"].AsString).Order(StringComparer.Ordinal).ToList();
    }

    [Theory]
    [InlineData("{ _id: 1, v: 42 }")]
    [InlineData("{ _id: 1, v: NumberLong(42) }")]
    [InlineData("{ _id: 1, v: 42.0 }")]
    public async Task Number_joins_documents_and_arrays_of_documents_only(string local) =>
        Assert.Equal(["array-documents", "document"], await JoinedIds(local));

    [Theory]
    [InlineData("{ _id: 1, v: null }")]
    [InlineData("{ _id: 1 }")]
    public async Task Null_or_missing_joins_where_a_document_lacks_the_field(string local) =>
        Assert.Equal(["array-document-empty", "array-documents", "document-empty", "document-null"], await JoinedIds(local));

    [Fact]
    public async Task Unmatched_value_joins_nothing() => Assert.Empty(await JoinedIds("{ _id: 1, v: 'foo' }"));
}

/// <summary>Cases from MongoDB's own $lookup test (jstests/aggregation/sources/lookup/lookup_equijoin_semantics_lib.js).</summary>
public class LookupEquijoinSemanticsTests
{
    private static async Task<List<int>> LocalIdsMatching(string foreignRecord, string localField, string foreignField, params string[] localRecords)
    {
        var results = await Pipelines.RunAsync(
            "[{ $lookup: { from: 'f', localField: '" + localField + "', foreignField: '" + foreignField + "', as: 'm' } }]",
            localRecords, new InMemorySource().With("f", foreignRecord));
        return results.Where(r => r["m"].AsBsonArray.Count > 0).Select(r => r["_id"].AsInt32).Order().ToList();
    }

    private static async Task<List<int>> ForeignIdsMatching(string localRecord, string localField, string foreignField, params string[] foreignRecords)
    {
        var results = await Pipelines.RunAsync(
            "[{ $lookup: { from: 'f', localField: '" + localField + "', foreignField: '" + foreignField + "', as: 'm' } }]",
            [localRecord], new InMemorySource().With("f", foreignRecords));
        return results[0]["m"].AsBsonArray.Select(d => d["_id"].AsInt32).Order().ToList();
    }

    private static readonly string[] NullAndMissing =
    [
        "{ _id: 0, no_a: 1 }", "{ _id: 1, a: null }", "{ _id: 2, a: [null, 1] }", "{ _id: 10, a: [] }", "{ _id: 20, a: 1 }",
        "{ _id: 21, a: { x: null } }", "{ _id: 22, a: [[null, 1], 2] }", "{ _id: 23, a: false }", "{ _id: 24, a: 0 }", "{ _id: 25, a: {} }", "{ _id: 26, a: '' }",
    ];

    [Fact]
    public async Task Null_in_foreign_matches_null_missing_and_empty_local() =>
        Assert.Equal([0, 1, 2, 10], await LocalIdsMatching("{ _id: 0, b: null }", "a", "b", NullAndMissing));

    [Fact]
    public async Task Missing_in_foreign_matches_like_null() =>
        Assert.Equal([0, 1, 2, 10], await LocalIdsMatching("{ _id: 0, no_b: 1 }", "a", "b", NullAndMissing));

    [Fact]
    public async Task Null_in_local_matches_null_and_missing_foreign_but_not_empty_arrays() =>
        Assert.Equal([0, 1, 2], await ForeignIdsMatching("{ _id: 0, b: null }", "b", "a", NullAndMissing));

    [Fact]
    public async Task Undefined_in_foreign_matches_nothing_but_undefined() =>
        Assert.Empty(await LocalIdsMatching("{ _id: 0, b: undefined }", "a", "b", "{ _id: 0, no_a: 1 }", "{ _id: 1, a: null }", "{ _id: 2, a: [] }", "{ _id: 3, a: [null, 1] }"));

    [Fact]
    public async Task NaN_matches_double_and_decimal_NaN() =>
        Assert.Equal([0, 1, 2, 3], await LocalIdsMatching("{ _id: 0, b: NaN }", "a", "b",
            "{ _id: 0, a: NaN }", "{ _id: 1, a: NumberDecimal('NaN') }", "{ _id: 2, a: [1, NaN] }", "{ _id: 3, a: [1, NumberDecimal('NaN')] }", "{ _id: 10, a: null }", "{ _id: 11, no_a: 42 }"));

    private static readonly string[] TopLevelToScalar =
    [
        "{ _id: 0, a: 1, y: 2 }", "{ _id: 1, a: [1] }", "{ _id: 2, a: [1, 2, 3] }", "{ _id: 3, a: [1, [2, 3]] }", "{ _id: 4, a: [1, [1, 2]] }",
        "{ _id: 5, a: [1, 2, 1] }", "{ _id: 6, a: [1, null] }", "{ _id: 7, a: [1, []] }", "{ _id: 10, a: 2 }", "{ _id: 11, a: [[1], 2] }",
        "{ _id: 12, a: [2, 3] }", "{ _id: 13, a: { y: 1 } }", "{ _id: 14, no_a: 1 }",
    ];

    [Fact]
    public async Task Scalar_matching_is_symmetric() =>
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7], await LocalIdsMatching("{ _id: 0, b: 1 }", "a", "b", TopLevelToScalar));

    [Fact]
    public async Task Scalar_matching_is_symmetric_from_the_local_side() =>
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7], await ForeignIdsMatching("{ _id: 0, b: 1 }", "b", "a", TopLevelToScalar));

    private static readonly string[] DeepPath =
    [
        "{ _id: 0, a: { b: { c: 1 } } }", "{ _id: 1, a: { b: { c: [[2, 3], 1] } } }", "{ _id: 2, a: { b: [{ c: 2 }, { c: 1 }] } }",
        "{ _id: 3, a: { b: [{ c: null }, { c: 1 }] } }", "{ _id: 8, a: [{ b: { c: 2 } }, { b: { c: 1 } }] }", "{ _id: 15, a: [{ b: [{ c: 1 }] }] }",
        "{ _id: 22, a: [{ no_b: 2 }, { b: [{ no_c: 3 }, { c: 1 }] }] }", "{ _id: 100, a: { b: { c: [[1, 2], 3] } } }",
        "{ _id: 103, a: [{ b: [{ c: [[1, 2], 3] }] }] }",
    ];

    [Fact]
    public async Task Deep_paths_through_arrays_match_from_the_local_side() =>
        Assert.Equal([0, 1, 2, 3, 8, 15, 22], await LocalIdsMatching("{ _id: 0, key: 1 }", "a.b.c", "key", DeepPath));

    [Fact]
    public async Task Deep_paths_through_arrays_match_from_the_foreign_side() =>
        Assert.Equal([0, 1, 2, 3, 8, 15, 22], await ForeignIdsMatching("{ _id: 0, key: 1 }", "key", "a.b.c", DeepPath));

    private static readonly string[] TopLevelToArray =
    [
        "{ _id: 0, a: [[1, 2], 3], y: 4 }", "{ _id: 1, a: [[1, 2]] }", "{ _id: 2, a: [1, 2], y: 3 }", "{ _id: 10, a: [[[1, 2], 3], 4] }",
        "{ _id: 11, a: [2, 1] }", "{ _id: 12, a: [[2, 1], 3], y: [1, 2] }", "{ _id: 14, a: null }", "{ _id: 15, no_a: [1, 2] }",
    ];

    [Fact]
    public async Task Foreign_array_matches_whole_arrays_and_elements() =>
        Assert.Equal([0, 1, 2, 11], await LocalIdsMatching("{ _id: 0, b: [1, 2] }", "a", "b", TopLevelToArray));

    [Fact]
    public async Task Local_array_matches_by_its_elements_only() =>
        Assert.Equal([2, 11], await ForeignIdsMatching("{ _id: 0, b: [1, 2] }", "b", "a", TopLevelToArray));

    [Fact]
    public async Task Local_nested_array_matches_whole_foreign_arrays() =>
        Assert.Equal([0, 1, 2], await ForeignIdsMatching("{ _id: 0, b: [[1, 2], 42] }", "b", "a", TopLevelToArray));
}

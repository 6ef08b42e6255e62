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

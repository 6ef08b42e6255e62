using MongoDB.Bson;
using static Ferry.Query.Tests.Aggregation.Pipelines;

namespace Ferry.Query.Tests.Aggregation;

public class StageTests
{
    private static readonly string[] Sales =
    [
        "{ _id: 1, item: 'a', qty: 2, price: 10 }",
        "{ _id: 2, item: 'b', qty: 1, price: 20 }",
        "{ _id: 3, item: 'a', qty: 5, price: 10 }",
        "{ _id: 4, item: 'c', price: 5 }",
    ];

    [Fact]
    public Task Group_accumulates_per_key_in_first_seen_order() =>
        YieldsAsync(
        [
            "{ _id: 'a', n: 2, total: 70, avg: 3.5, min: 2, max: 5, first: 2, last: 5, qtys: [2, 5], set: [10], c: 2 }",
            "{ _id: 'b', n: 1, total: 20, avg: 1.0, min: 1, max: 1, first: 1, last: 1, qtys: [1], set: [20], c: 1 }",
            "{ _id: 'c', n: 1, total: 0, avg: null, min: null, max: null, first: null, last: null, qtys: [], set: [5], c: 1 }",
        ],
        "[{ $group: { _id: '$item', n: { $sum: 1 }, total: { $sum: { $multiply: ['$qty', '$price'] } }, avg: { $avg: '$qty' }, min: { $min: '$qty' }, max: { $max: '$qty' }, first: { $first: '$qty' }, last: { $last: '$qty' }, qtys: { $push: '$qty' }, set: { $addToSet: '$price' }, c: { $count: {} } } }]",
        Sales);

    [Fact]
    public Task Group_by_null_counts_everything() =>
        YieldsAsync(["{ _id: null, n: 4 }"], "[{ $group: { _id: null, n: { $sum: 1 } } }]", Sales);

    [Fact]
    public Task Group_by_document_key() =>
        YieldsAsync(["{ _id: { i: 'a', p: 10 }, n: 2 }", "{ _id: { i: 'b', p: 20 }, n: 1 }", "{ _id: { i: 'c', p: 5 }, n: 1 }"],
            "[{ $group: { _id: { i: '$item', p: '$price' }, n: { $sum: 1 } } }]", Sales);

    [Fact]
    public Task Group_numeric_keys_of_different_types_are_one_group() =>
        YieldsAsync(["{ _id: 1, n: 2 }"], "[{ $group: { _id: '$k', n: { $sum: 1 } } }]", ["{ k: 1 }", "{ k: 1.0 }"]);

    [Fact]
    public Task Group_std_dev_and_merge_objects() =>
        YieldsAsync(["{ _id: null, pop: 1.0, samp: 1.4142135623730951, m: { a: 1, b: 3 } }"],
            "[{ $group: { _id: null, pop: { $stdDevPop: '$v' }, samp: { $stdDevSamp: '$v' }, m: { $mergeObjects: '$o' } } }]",
            ["{ v: 1, o: { a: 1, b: 2 } }", "{ v: 3, o: { b: 3 } }"]);

    [Fact]
    public Task Group_without_id_fails() => FailsAsync(15955, "[{ $group: { n: { $sum: 1 } } }]");

    [Fact]
    public Task Group_with_unknown_accumulator_fails() => FailsAsync(15952, "[{ $group: { _id: null, n: { $foo: 1 } } }]");

    [Fact]
    public Task Group_field_that_is_not_an_accumulator_fails() => FailsAsync(40234, "[{ $group: { _id: null, n: 1 } }]");

    [Fact]
    public Task Sort_orders_documents_stably() =>
        YieldsAsync(["{ _id: 2, k: 1 }", "{ _id: 4, k: 1 }", "{ _id: 3, k: 2 }", "{ _id: 1, k: 3 }"],
            "[{ $sort: { k: 1 } }]", ["{ _id: 1, k: 3 }", "{ _id: 2, k: 1 }", "{ _id: 3, k: 2 }", "{ _id: 4, k: 1 }"]);

    [Fact]
    public async Task Sort_then_limit_keeps_the_top_documents()
    {
        var input = Enumerable.Range(0, 1000).Select(i => "{ _id: " + i + ", k: " + (i * 7919 % 1000) + " }").ToArray();
        var results = await RunAsync("[{ $sort: { k: -1 } }, { $limit: 3 }]", input);
        Assert.Equal([999, 998, 997], results.Select(r => r["k"].AsInt32));
    }

    [Fact]
    public async Task Sort_over_the_memory_limit_fails_with_292()
    {
        var context = new Ferry.Query.Common.QueryContext { MemoryLimitBytes = 2000 };
        var input = Enumerable.Range(0, 100).Select(i => "{ _id: " + i + ", s: 'some text to take space' }").ToArray();
        var error = await Assert.ThrowsAsync<Ferry.Query.Common.MqlException>(() => RunAsync("[{ $sort: { _id: 1 } }]", input, context: context));
        Assert.Equal(292, error.Code);
    }

    [Fact]
    public async Task Sort_with_limit_stays_within_a_small_memory_limit()
    {
        var context = new Ferry.Query.Common.QueryContext { MemoryLimitBytes = 20_000 };
        var input = Enumerable.Range(0, 2000).Select(i => "{ _id: " + i + ", s: 'some text to take space' }").ToArray();
        var results = await RunAsync("[{ $sort: { _id: -1 } }, { $limit: 2 }]", input, context: context);
        Assert.Equal([1999, 1998], results.Select(r => r["_id"].AsInt32));
    }

    [Fact]
    public async Task Group_over_the_memory_limit_fails_with_292()
    {
        var context = new Ferry.Query.Common.QueryContext { MemoryLimitBytes = 1000 };
        var input = Enumerable.Range(0, 100).Select(i => "{ _id: " + i + " }").ToArray();
        var error = await Assert.ThrowsAsync<Ferry.Query.Common.MqlException>(() => RunAsync("[{ $group: { _id: '$_id' } }]", input, context: context));
        Assert.Equal(292, error.Code);
    }

    [Fact]
    public Task Sort_with_bad_direction_fails() => FailsAsync(15975, "[{ $sort: { a: 2 } }]");

    [Fact]
    public Task Limit_and_skip() =>
        YieldsAsync(["{ _id: 2, item: 'b', qty: 1, price: 20 }", "{ _id: 3, item: 'a', qty: 5, price: 10 }"], "[{ $skip: 1 }, { $limit: 2 }]", Sales);

    [Fact]
    public Task Limit_zero_fails() => FailsAsync(15958, "[{ $limit: 0 }]");

    [Fact]
    public Task Negative_skip_fails() => FailsAsync(15956, "[{ $skip: -1 }]");

    [Fact]
    public Task Count_counts_documents() => YieldsAsync(["{ n: 4 }"], "[{ $count: 'n' }]", Sales);

    [Fact]
    public Task Count_of_nothing_is_no_document() => YieldsAsync([], "[{ $count: 'n' }]", []);

    [Fact]
    public Task Count_with_dollar_name_fails() => FailsAsync(40158, "[{ $count: '$n' }]");

    [Fact]
    public Task Match_filters() =>
        YieldsAsync(["{ _id: 2, item: 'b', qty: 1, price: 20 }"], "[{ $match: { item: 'b' } }]", Sales);

    [Fact]
    public void Leading_match_is_exposed_for_the_store()
    {
        var pipeline = Ferry.Query.Aggregation.AggregationPipeline.Parse(BsonSerializerArray("[{ $match: { a: 1 } }, { $limit: 1 }]"));
        Assert.Equal(new BsonDocument("a", 1), pipeline.LeadingFilter);
        Assert.Equal(["$limit"], pipeline.WithoutLeadingFilter().StageNames);
        Assert.Null(Ferry.Query.Aggregation.AggregationPipeline.Parse(BsonSerializerArray("[{ $limit: 1 }, { $match: { a: 1 } }]")).LeadingFilter);
    }

    [Fact]
    public Task SortByCount_groups_and_orders_by_count() =>
        YieldsAsync(["{ _id: 'a', count: 2 }", "{ _id: 'b', count: 1 }", "{ _id: 'c', count: 1 }"], "[{ $sortByCount: '$item' }]", Sales);

    [Fact]
    public Task Bucket_groups_by_boundaries_with_default() =>
        YieldsAsync(["{ _id: 0, count: 1 }", "{ _id: 10, count: 2 }", "{ _id: 'other', count: 1 }"],
            "[{ $bucket: { groupBy: '$price', boundaries: [0, 10, 20], default: 'other' } }]", Sales);

    [Fact]
    public Task Bucket_value_outside_without_default_fails() =>
        FailsAsync(40066, "[{ $bucket: { groupBy: '$price', boundaries: [0, 10] } }]", "{ price: 50 }");

    [Fact]
    public Task Facet_runs_sub_pipelines_over_the_same_input() =>
        YieldsAsync(["{ count: [{ n: 4 }], top: [{ _id: 2, item: 'b', qty: 1, price: 20 }] }"],
            "[{ $facet: { count: [{ $count: 'n' }], top: [{ $sort: { price: -1 } }, { $limit: 1 }] } }]", Sales);

    [Fact]
    public async Task Sample_returns_distinct_input_documents()
    {
        var results = await RunAsync("[{ $sample: { size: 3 } }]", Sales);
        Assert.Equal(3, results.Count);
        Assert.Equal(3, results.Select(r => r["_id"].AsInt32).Distinct().Count());
    }

    [Fact]
    public Task Out_is_not_supported_by_the_embedded_engine() => FailsAsync(115, "[{ $out: 'x' }]");

    [Fact]
    public async Task Unknown_stage_fails_with_40324()
    {
        var error = await FailsAsync(40324, "[{ $foo: {} }]");
        Assert.Equal("Unrecognized pipeline stage name: '$foo'", error.Message);
    }

    [Fact]
    public Task Stage_with_two_fields_fails() => FailsAsync(40323, "[{ $match: {}, $limit: 1 }]");

    [Fact]
    public Task Now_is_the_same_for_every_document() =>
        YieldsAsync(["{ n: 3 }"], "[{ $group: { _id: '$$NOW', n: { $sum: 1 } } }, { $project: { _id: 0, n: 1 } }]", ["{}", "{}", "{}"]);
}

public class SelectionAccumulatorTests
{
    private static readonly string[] Scores =
    [
        "{ g: 'a', p: 'x', s: 5 }", "{ g: 'a', p: 'y', s: 9 }", "{ g: 'a', p: 'z', s: 7 }", "{ g: 'a', p: 'w' }",
    ];

    [Fact]
    public Task FirstN_and_lastN_keep_nulls() =>
        Pipelines.YieldsAsync(["{ _id: 'a', f: [5, 9], l: [7, null] }"],
            "[{ $group: { _id: '$g', f: { $firstN: { input: '$s', n: 2 } }, l: { $lastN: { input: '$s', n: 2 } } } }]", Scores);

    [Fact]
    public Task MaxN_and_minN_skip_nulls() =>
        Pipelines.YieldsAsync(["{ _id: 'a', max: [9, 7], min: [5, 7] }"],
            "[{ $group: { _id: '$g', max: { $maxN: { input: '$s', n: 2 } }, min: { $minN: { input: '$s', n: 2 } } } }]", Scores);

    [Fact]
    public Task Top_and_bottom_follow_sortBy() =>
        Pipelines.YieldsAsync(["{ _id: 'a', top: 'y', bottom: 'w', topN: ['y', 'z'], bottomN: ['x', 'w'] }"],
            "[{ $group: { _id: '$g', top: { $top: { sortBy: { s: -1 }, output: '$p' } }, bottom: { $bottom: { sortBy: { s: -1 }, output: '$p' } }, topN: { $topN: { sortBy: { s: -1 }, output: '$p', n: 2 } }, bottomN: { $bottomN: { sortBy: { s: -1 }, output: '$p', n: 2 } } } }]",
            Scores);

    [Fact]
    public Task N_must_be_positive() => Pipelines.FailsAsync(5787908, "[{ $group: { _id: null, f: { $firstN: { input: '$s', n: 0 } } } }]", "{ s: 1 }");
}

public class SortLimitEdgeTests
{
    [Fact]
    public async Task Huge_limit_after_sort_sorts_everything()
    {
        var results = await Pipelines.RunAsync("[{ $sort: { k: 1 } }, { $limit: NumberLong('1000000000000') }]", ["{ k: 3 }", "{ k: 1 }", "{ k: 2 }"]);
        Assert.Equal([1, 2, 3], results.Select(r => r["k"].AsInt32));
    }
}

public class SumPrecisionTests
{
    [Fact]
    public Task Sum_of_doubles_is_compensated() =>
        Pipelines.YieldsAsync(["{ _id: null, s: 1.0, a: 0.1 }"], "[{ $group: { _id: null, s: { $sum: '$v' }, a: { $avg: '$v' } } }]",
            Enumerable.Repeat("{ v: 0.1 }", 10).ToArray());

    [Fact]
    public Task Sum_of_ints_overflowing_int_is_a_long() =>
        Pipelines.YieldsAsync(["{ _id: null, s: NumberLong(4294967294) }"], "[{ $group: { _id: null, s: { $sum: '$v' } } }]",
            ["{ v: 2147483647 }", "{ v: 2147483647 }"]);

    [Fact]
    public Task Sum_of_longs_overflowing_is_a_double() =>
        Pipelines.YieldsAsync(["{ _id: null, s: 1.8446744073709552E+19 }"], "[{ $group: { _id: null, s: { $sum: '$v' } } }]",
            ["{ v: NumberLong('9223372036854775807') }", "{ v: NumberLong('9223372036854775807') }", "{ v: 2 }"]);

    [Fact]
    public Task Sum_with_a_decimal_is_a_decimal() =>
        Pipelines.YieldsAsync(["{ _id: null, s: NumberDecimal('3.5') }"], "[{ $group: { _id: null, s: { $sum: '$v' } } }]",
            ["{ v: 1 }", "{ v: NumberDecimal('1.5') }", "{ v: 1 }"]);

    [Fact]
    public Task Sum_with_infinity_is_infinity() =>
        Pipelines.YieldsAsync(["{ _id: null, s: Infinity }"], "[{ $group: { _id: null, s: { $sum: '$v' } } }]",
            ["{ v: 1.5 }", "{ v: Infinity }"]);
}

using static Ferry.Query.Tests.Aggregation.Pipelines;

namespace Ferry.Query.Tests.Aggregation;

public class SetWindowFieldsTests
{
    private static readonly string[] Sales =
    [
        "{ _id: 1, s: 'b', t: 3, q: 10 }", "{ _id: 2, s: 'a', t: 2, q: 5 }", "{ _id: 3, s: 'a', t: 1, q: 7 }",
        "{ _id: 4, s: 'b', t: 1, q: 1 }", "{ _id: 5, s: 'a', t: 3, q: 5 }",
    ];

    [Fact]
    public Task Running_total_per_partition_in_sort_order() =>
        YieldsAsync(
        [
            "{ _id: 3, s: 'a', t: 1, q: 7, run: 7 }", "{ _id: 2, s: 'a', t: 2, q: 5, run: 12 }", "{ _id: 5, s: 'a', t: 3, q: 5, run: 17 }",
            "{ _id: 4, s: 'b', t: 1, q: 1, run: 1 }", "{ _id: 1, s: 'b', t: 3, q: 10, run: 11 }",
        ],
            "[{ $setWindowFields: { partitionBy: '$s', sortBy: { t: 1 }, output: { run: { $sum: '$q', window: { documents: ['unbounded', 'current'] } } } } }]", Sales);

    [Fact]
    public Task Whole_partition_window_by_default() =>
        YieldsAsync(["{ _id: 2, s: 'a', n: 3 }", "{ _id: 3, s: 'a', n: 3 }", "{ _id: 5, s: 'a', n: 3 }", "{ _id: 1, s: 'b', n: 2 }", "{ _id: 4, s: 'b', n: 2 }"],
            "[{ $project: { s: 1 } }, { $setWindowFields: { partitionBy: '$s', output: { n: { $count: {} } } } }]", Sales);

    [Fact]
    public Task Sliding_document_window_average() =>
        YieldsAsync(["{ _id: 3, t: 1, a: 4.0 }", "{ _id: 4, t: 1, a: 4.333333333333333 }", "{ _id: 2, t: 2, a: 5.333333333333333 }", "{ _id: 1, t: 3, a: 6.666666666666667 }", "{ _id: 5, t: 3, a: 7.5 }"],
            "[{ $project: { t: 1, q: 1 } }, { $setWindowFields: { sortBy: { t: 1 }, output: { a: { $avg: '$q', window: { documents: [-1, 1] } } } } }, { $project: { q: 0 } }]", Sales);

    [Fact]
    public Task Range_window_over_sort_values() =>
        YieldsAsync(["{ _id: 3, t: 1, n: 3 }", "{ _id: 4, t: 1, n: 3 }", "{ _id: 2, t: 2, n: 5 }", "{ _id: 1, t: 3, n: 3 }", "{ _id: 5, t: 3, n: 3 }"],
            "[{ $project: { t: 1 } }, { $setWindowFields: { sortBy: { t: 1 }, output: { n: { $count: {}, window: { range: [-1, 1] } } } } }]", Sales);

    [Fact]
    public Task Rank_dense_rank_document_number_and_shift() =>
        YieldsAsync(
        [
            "{ _id: 3, t: 1, r: 1, d: 1, n: 1, next: 4 }", "{ _id: 4, t: 1, r: 1, d: 1, n: 2, next: 2 }", "{ _id: 2, t: 2, r: 3, d: 2, n: 3, next: 1 }",
            "{ _id: 1, t: 3, r: 4, d: 3, n: 4, next: 5 }", "{ _id: 5, t: 3, r: 4, d: 3, n: 5, next: 'none' }",
        ],
            "[{ $project: { t: 1 } }, { $setWindowFields: { sortBy: { t: 1 }, output: { r: { $rank: {} }, d: { $denseRank: {} }, n: { $documentNumber: {} }, next: { $shift: { output: '$_id', by: 1, default: 'none' } } } } }]", Sales);

    [Fact]
    public Task Rank_without_sortBy_fails() => FailsAsync(5339901, "[{ $setWindowFields: { output: { r: { $rank: {} } } } }]");

    [Fact]
    public Task Unknown_window_function_fails() => FailsAsync(9, "[{ $setWindowFields: { output: { r: { $nope: 1 } } } }]");
}

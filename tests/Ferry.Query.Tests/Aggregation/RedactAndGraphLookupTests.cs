using static Ferry.Query.Tests.Aggregation.Pipelines;

namespace Ferry.Query.Tests.Aggregation;

public class RedactAndGraphLookupTests
{
    [Fact]
    public Task Redact_descends_and_prunes_levels() =>
        YieldsAsync(["{ _id: 1, level: 1, subs: [{ level: 1, x: 1 }], inner: { level: 1 } }"],
            "[{ $redact: { $cond: [{ $lte: ['$level', 1] }, '$$DESCEND', '$$PRUNE'] } }]",
            ["{ _id: 1, level: 1, subs: [{ level: 1, x: 1 }, { level: 2, x: 2 }], inner: { level: 1 }, secret: { level: 3 } }", "{ _id: 2, level: 5 }"]);

    [Fact]
    public Task Redact_keep_keeps_the_whole_level() =>
        YieldsAsync(["{ _id: 1, a: { level: 9 } }"], "[{ $redact: '$$KEEP' }]", ["{ _id: 1, a: { level: 9 } }"]);

    [Fact]
    public Task Redact_with_another_value_fails() => FailsAsync(17053, "[{ $redact: 'x' }]", "{}");

    [Fact]
    public Task GraphLookup_follows_edges_with_depth_limits() =>
        YieldsAsync(["{ _id: 1, boss: 'b', chain: [{ _id: 'b', reportsTo: 'c', d: NumberLong(0) }, { _id: 'c', reportsTo: 'd', d: NumberLong(1) }] }"],
            "[{ $graphLookup: { from: 'emp', startWith: '$boss', connectFromField: 'reportsTo', connectToField: '_id', as: 'chain', maxDepth: 1, depthField: 'd' } }]",
            ["{ _id: 1, boss: 'b' }"],
            new InMemorySource().With("emp", "{ _id: 'a', reportsTo: 'b' }", "{ _id: 'b', reportsTo: 'c' }", "{ _id: 'c', reportsTo: 'd' }", "{ _id: 'd' }"));

    [Fact]
    public Task GraphLookup_visits_each_document_once_in_cycles() =>
        YieldsAsync(["{ _id: 1, s: 'x', g: [{ _id: 'x', to: 'y' }, { _id: 'y', to: 'x' }] }"],
            "[{ $graphLookup: { from: 'n', startWith: '$s', connectFromField: 'to', connectToField: '_id', as: 'g' } }]",
            ["{ _id: 1, s: 'x' }"], new InMemorySource().With("n", "{ _id: 'x', to: 'y' }", "{ _id: 'y', to: 'x' }"));

    [Fact]
    public Task GraphLookup_negative_depth_fails() =>
        FailsAsync(40101, "[{ $graphLookup: { from: 'n', startWith: 1, connectFromField: 'a', connectToField: 'b', as: 'g', maxDepth: -1 } }]");
}

public class BucketAutoTests
{
    [Fact]
    public Task BucketAuto_cuts_equal_sized_buckets_without_splitting_values() =>
        Pipelines.YieldsAsync(["{ _id: { min: 1, max: 3 }, count: 2 }", "{ _id: { min: 3, max: 4 }, count: 2 }", "{ _id: { min: 4, max: 6 }, count: 3 }"],
            "[{ $bucketAuto: { groupBy: '$v', buckets: 3 } }]",
            ["{ v: 5 }", "{ v: 1 }", "{ v: 3 }", "{ v: 2 }", "{ v: 3 }", "{ v: 4 }", "{ v: 6 }"]);

    [Fact]
    public Task BucketAuto_with_output_accumulators() =>
        Pipelines.YieldsAsync(["{ _id: { min: 1, max: 3 }, s: 3 }", "{ _id: { min: 3, max: 4 }, s: 7 }"],
            "[{ $bucketAuto: { groupBy: '$v', buckets: 2, output: { s: { $sum: '$v' } } } }]", ["{ v: 1 }", "{ v: 2 }", "{ v: 3 }", "{ v: 4 }"]);
}

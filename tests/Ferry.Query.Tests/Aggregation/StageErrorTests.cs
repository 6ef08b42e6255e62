using static Ferry.Query.Tests.Aggregation.Pipelines;

namespace Ferry.Query.Tests.Aggregation;

public class StageErrorTests
{
    [Theory]
    [InlineData("[{ $match: 1 }]", 15959)]
    [InlineData("[{ $project: 1 }]", 15969)]
    [InlineData("[{ $project: { 'a.$': 1 } }]", 16410)]
    [InlineData("[{ $addFields: 1 }]", 40272)]
    [InlineData("[{ $unset: 1 }]", 31002)]
    [InlineData("[{ $unset: [1] }]", 31120)]
    [InlineData("[{ $replaceRoot: {} }]", 40414)]
    [InlineData("[{ $replaceRoot: { newRoot: '$a', x: 1 } }]", 40415)]
    [InlineData("[{ $group: 1 }]", 15947)]
    [InlineData("[{ $group: { _id: null, 'a.b': { $sum: 1 } } }]", 40235)]
    [InlineData("[{ $group: { _id: null, a: { $sum: 1, $avg: 1 } } }]", 40238)]
    [InlineData("[{ $group: { _id: null, a: { $sum: [1, 2] } } }]", 40237)]
    [InlineData("[{ $sort: {} }]", 15976)]
    [InlineData("[{ $limit: 'x' }]", 15957)]
    [InlineData("[{ $limit: 1.5 }]", 2107201)]
    [InlineData("[{ $skip: 'x' }]", 15972)]
    [InlineData("[{ $count: '' }]", 40156)]
    [InlineData("[{ $count: 'a.b' }]", 40160)]
    [InlineData("[{ $unwind: 1 }]", 15981)]
    [InlineData("[{ $unwind: {} }]", 28812)]
    [InlineData("[{ $unwind: { path: '$a', preserveNullAndEmptyArrays: 1 } }]", 28809)]
    [InlineData("[{ $unwind: { path: '$a', includeArrayIndex: '$i' } }]", 28822)]
    [InlineData("[{ $lookup: { from: 'f', as: 'x' } }]", 9)]
    [InlineData("[{ $lookup: { from: 'f', localField: 'a', as: 'x' } }]", 9)]
    [InlineData("[{ $lookup: { from: 'f', localField: 'a', foreignField: 'b', as: 'x', bogus: 1 } }]", 9)]
    [InlineData("[{ $facet: { a: [{ $facet: { b: [] } }] } }]", 40600)]
    [InlineData("[{ $facet: { a: 1 } }]", 40170)]
    [InlineData("[{ $sample: { size: -1 } }]", 28747)]
    [InlineData("[{ $sample: {} }]", 28749)]
    [InlineData("[{ $sortByCount: 'a' }]", 40148)]
    [InlineData("[{ $bucket: { groupBy: '$a', boundaries: [1] } }]", 40192)]
    [InlineData("[{ $bucket: { groupBy: '$a', boundaries: [3, 1] } }]", 40194)]
    [InlineData("[{ $bucket: { groupBy: '$a', boundaries: [1, 'a'] } }]", 40193)]
    [InlineData("[{ $bucket: { groupBy: '$a', boundaries: [1, 5], default: 2 } }]", 40199)]
    [InlineData("[{ $merge: { into: 'x' } }]", 115)]
    [InlineData("[1]", 14)]
    [InlineData("[{ $project: { a: { $nope: 1 } } }]", 168)]
    public Task Bad_stage_fails_with_MongoDB_code(string pipeline, int code) => FailsAsync(code, pipeline);

    [Fact]
    public void Bad_pipeline_fails_at_parse_time_before_any_document_is_read()
    {
        var error = Assert.Throws<Ferry.Query.Common.MqlException>(() =>
            Ferry.Query.Aggregation.AggregationPipeline.Parse(BsonSerializerArray("[{ $match: {} }, { $set: { a: { $add: ['$x', { $foo: 1 }] } } }]")));
        Assert.Equal(168, error.Code);
    }
}

public class StageCombinationTests
{
    [Fact]
    public Task Lookup_then_unwind_then_group() =>
        YieldsAsync(["{ _id: 'red', n: 2 }", "{ _id: 'blue', n: 1 }"],
            "[{ $lookup: { from: 'items', localField: 'items', foreignField: '_id', as: 'i' } }, { $unwind: '$i' }, { $group: { _id: '$i.color', n: { $sum: 1 } } }]",
            ["{ _id: 1, items: [1, 2] }", "{ _id: 2, items: [1] }"],
            new InMemorySource().With("items", "{ _id: 1, color: 'red' }", "{ _id: 2, color: 'blue' }"));

    [Fact]
    public Task Match_after_group_filters_group_results() =>
        YieldsAsync(["{ _id: 'a', n: 2 }"], "[{ $group: { _id: '$k', n: { $sum: 1 } } }, { $match: { n: { $gte: 2 } } }]",
            ["{ k: 'a' }", "{ k: 'b' }", "{ k: 'a' }"]);

    [Fact]
    public Task Sort_on_a_computed_field_after_addFields() =>
        YieldsAsync(["{ _id: 2, t: 6 }", "{ _id: 1, t: 2 }"], "[{ $addFields: { t: { $multiply: ['$a', 2] } } }, { $sort: { t: -1 } }, { $project: { a: 0 } }]",
            ["{ _id: 1, a: 1 }", "{ _id: 2, a: 3 }"]);

    [Fact]
    public Task Project_through_nested_arrays() =>
        YieldsAsync(["{ _id: 1, a: [[{ b: 1 }], { b: 2 }] }"], "[{ $project: { 'a.b': 1 } }]", ["{ _id: 1, a: [[{ b: 1, c: 1 }, 3], { b: 2, c: 2 }] }"]);
}

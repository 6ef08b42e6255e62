using Ferry.Store.Conformance.Targets;
using MongoDB.Bson;

namespace Ferry.Store.Conformance.Suite;

/// <summary>The aggregation subset every store supports (the stages Ferry's own features may use).</summary>
public abstract partial class StoreConformanceTests
{
    private const string Orders = "[{_id: 1, c: 'a', n: 5, tags: ['x', 'y']}, {_id: 2, c: 'b', n: 3, tags: ['y']}, {_id: 3, c: 'a', n: 9, tags: []}, {_id: 4, c: 'b', n: 1}, {_id: 5, c: 'a', n: 5, tags: ['z']}]";

    public static TheoryData<string, string, string> PipelineCases() => new()
    {
        { "match", "[{$sort: {_id: 1}}, {$match: {n: {$gt: 3}}}]", "[{_id: 1, c: 'a', n: 5, tags: ['x', 'y']}, {_id: 3, c: 'a', n: 9, tags: []}, {_id: 5, c: 'a', n: 5, tags: ['z']}]" },
        { "project", "[{$sort: {_id: 1}}, {$project: {c: 1, twice: {$multiply: ['$n', 2]}, _id: 0}}, {$limit: 2}]", "[{c: 'a', twice: 10}, {c: 'b', twice: 6}]" },
        { "addFields", "[{$sort: {_id: 1}}, {$addFields: {big: {$gte: ['$n', 5]}}}, {$project: {big: 1}}, {$limit: 2}]", "[{_id: 1, big: true}, {_id: 2, big: false}]" },
        { "set-unset", "[{$sort: {_id: 1}}, {$set: {m: '$n'}}, {$unset: ['n', 'tags', 'c']}, {$skip: 3}]", "[{_id: 4, m: 1}, {_id: 5, m: 5}]" },
        { "group-accumulators", "[{$sort: {_id: 1}}, {$group: {_id: '$c', sum: {$sum: '$n'}, count: {$sum: 1}, avg: {$avg: '$n'}, min: {$min: '$n'}, max: {$max: '$n'}, first: {$first: '$_id'}, last: {$last: '$_id'}, all: {$push: '$n'}}}, {$sort: {_id: 1}}]",
            "[{_id: 'a', sum: 19, count: 3, avg: 6.333333333333333, min: 5, max: 9, first: 1, last: 5, all: [5, 9, 5]}, {_id: 'b', sum: 4, count: 2, avg: 2.0, min: 1, max: 3, first: 2, last: 4, all: [3, 1]}]" },
        { "addToSet", "[{$group: {_id: null, set: {$addToSet: '$c'}}}, {$unwind: '$set'}, {$sort: {set: 1}}]", "[{_id: null, set: 'a'}, {_id: null, set: 'b'}]" },
        { "group-null", "[{$group: {_id: null, total: {$sum: '$n'}}}]", "[{_id: null, total: 23}]" },
        { "sort-skip-limit", "[{$sort: {n: -1, _id: 1}}, {$skip: 1}, {$limit: 2}, {$project: {n: 1}}]", "[{_id: 1, n: 5}, {_id: 5, n: 5}]" },
        { "count", "[{$match: {c: 'a'}}, {$count: 'total'}]", "[{total: 3}]" },
        { "unwind", "[{$sort: {_id: 1}}, {$unwind: '$tags'}, {$project: {tags: 1}}]", "[{_id: 1, tags: 'x'}, {_id: 1, tags: 'y'}, {_id: 2, tags: 'y'}, {_id: 5, tags: 'z'}]" },
        { "unwind-preserve", "[{$sort: {_id: 1}}, {$unwind: {path: '$tags', preserveNullAndEmptyArrays: true, includeArrayIndex: 'i'}}, {$match: {_id: {$in: [3, 4]}}}, {$project: {tags: 1, i: 1}}]", "[{_id: 3, i: null}, {_id: 4, i: null}]" },
        { "lookup", "[{$match: {_id: {$lte: 2}}}, {$sort: {_id: 1}}, {$lookup: {from: 'customers', localField: 'c', foreignField: '_id', as: 'customer'}}, {$project: {customer: 1}}]", "[{_id: 1, customer: [{_id: 'a', name: 'Ann'}]}, {_id: 2, customer: []}]" },
    };

    [SkippableTheory]
    [MemberData(nameof(PipelineCases))]
    public async Task Aggregation_stage_gives_MongoDB_results(string name, string pipeline, string expected)
    {
        Assert.NotEmpty(name);
        await using var db = await OpenAsync();
        var orders = db.Collection("orders");
        await SeedAsync(orders, Doc.Array(Orders).Select(d => d.ToJson()).ToArray());
        await SeedAsync(db.Collection("customers"), "{_id: 'a', name: 'Ann'}");

        var results = await orders.AggregateAsync(Doc.Array(pipeline)).ToListAsync();

        Assert.Equal(Doc.Array(expected).Select(d => d.ToJson()), results.Select(d => d.ToJson()));
    }
}

using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Store.Embedded.Tests;

public class AggregationAndStreamingTests
{
    [Fact]
    public async Task Aggregate_pushes_the_leading_match_into_an_index_lookup_and_runs_the_rest()
    {
        await using var temp = new TempStore();
        await temp.Collection("orders").CreateIndexesAsync([new BsonDocument("key", new BsonDocument("status", 1))]);
        await temp.InsertAsync("orders", Enumerable.Range(1, 30).Select(i => new BsonDocument { { "_id", i }, { "status", i % 3 == 0 ? "open" : "done" }, { "amount", i }, { "customer", i % 2 } }).ToArray());
        await temp.InsertAsync("customers", new BsonDocument { { "_id", 0 }, { "name", "Even" } }, new BsonDocument { { "_id", 1 }, { "name", "Odd" } });

        var result = await temp.Collection("orders").AggregateAsync(BsonArray.Create(new[]
        {
            BsonDocument.Parse("{ $match: { status: 'open' } }"),
            BsonDocument.Parse("{ $group: { _id: '$customer', total: { $sum: '$amount' } } }"),
            BsonDocument.Parse("{ $lookup: { from: 'customers', localField: '_id', foreignField: '_id', as: 'who' } }"),
            BsonDocument.Parse("{ $project: { total: 1, name: { $arrayElemAt: ['$who.name', 0] } } }"),
            BsonDocument.Parse("{ $sort: { _id: 1 } }"),
        })).ToListAsync();

        Assert.Equal(
            [BsonDocument.Parse("{ _id: 0, total: 90, name: 'Even' }"), BsonDocument.Parse("{ _id: 1, total: 75, name: 'Odd' }")],
            result);
        Assert.Equal(1, (await temp.Collection("orders").GetIndexUsageAsync()).Single(u => u.Name == "status_1").Operations);
    }

    [Fact]
    public async Task FindOneAndReplace_with_upsert_and_projection()
    {
        await using var temp = new TempStore();
        await temp.InsertAsync("c", new BsonDocument { { "_id", 1 }, { "a", 1 }, { "b", 1 } });

        var replaced = await temp.Collection().FindOneAndReplaceAsync(
            new BsonDocument("_id", 1), new BsonDocument { { "a", 2 }, { "b", 2 } },
            new FindOneAndModifyOptions { ReturnDocument = ReturnDocument.After, Projection = new BsonDocument("b", 0) });
        var upserted = await temp.Collection().FindOneAndReplaceAsync(
            new BsonDocument("_id", 5), new BsonDocument("a", 5), new FindOneAndModifyOptions { IsUpsert = true });

        Assert.Equal(new BsonDocument { { "_id", 1 }, { "a", 2 } }, replaced);
        Assert.Null(upserted);
        Assert.Equal(new BsonDocument { { "_id", 5 }, { "a", 5 } }, await temp.Collection().FindOneAsync(new BsonDocument("_id", 5)));
    }
}

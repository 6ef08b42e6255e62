using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Store.Embedded.Tests;

public class BulkWriteTests
{
    private static InsertRequest Insert(int id) => new(new BsonDocument("_id", id));

    [Fact]
    public async Task Ordered_bulk_stops_at_the_first_error_and_keeps_earlier_writes()
    {
        await using var temp = new TempStore();
        await temp.InsertAsync("c", new BsonDocument("_id", 2));

        var error = await Assert.ThrowsAsync<BulkWriteFailedException>(() => temp.Collection().BulkWriteAsync(
            [Insert(1), Insert(2), Insert(3), Insert(2)],
            new BulkWriteOptions { IsOrdered = true }));

        var write = Assert.Single(error.WriteErrors);
        Assert.Equal(1, write.Index);
        Assert.Equal(11000, write.Code);
        Assert.Equal(1, error.Result.InsertedCount);
        Assert.Equal([0], error.Result.InsertedIds.Keys);
        var ids = (await temp.Collection().FindAsync(null).ToListAsync()).Select(d => d["_id"].AsInt32);
        Assert.Equal([1, 2], ids);
    }

    [Fact]
    public async Task Unordered_bulk_attempts_everything_and_reports_each_failure()
    {
        await using var temp = new TempStore();
        await temp.InsertAsync("c", new BsonDocument("_id", 2));

        var error = await Assert.ThrowsAsync<BulkWriteFailedException>(() => temp.Collection().BulkWriteAsync(
            [Insert(1), Insert(2), Insert(3), Insert(1), new UpdateRequest(new BsonDocument("_id", 3), new BsonDocument("$inc", new BsonDocument("n", 1)))]));

        Assert.Equal([1, 3], error.WriteErrors.Select(e => e.Index));
        Assert.All(error.WriteErrors, e => Assert.Equal(11000, e.Code));
        Assert.Equal(2, error.Result.InsertedCount);
        Assert.Equal(1, error.Result.ModifiedCount);
        Assert.Equal(3, await temp.Collection().CountAsync());
    }

    [Fact]
    public async Task Mixed_bulk_reports_exact_counts()
    {
        await using var temp = new TempStore();
        await temp.InsertAsync("c", Enumerable.Range(1, 4).Select(i => new BsonDocument { { "_id", i }, { "g", i % 2 } }).ToArray());

        var result = await temp.Collection().BulkWriteAsync(
        [
            Insert(10),
            new UpdateRequest(new BsonDocument("g", 1), new BsonDocument("$set", new BsonDocument("g", 1)), IsMulti: true),
            new UpdateRequest(new BsonDocument("g", 0), new BsonDocument("$set", new BsonDocument("h", true)), IsMulti: true),
            new UpdateRequest(new BsonDocument("_id", 99), new BsonDocument("$set", new BsonDocument("h", 1)), IsUpsert: true),
            new DeleteRequest(new BsonDocument("_id", 10)),
            new ReplaceRequest(new BsonDocument("_id", 1), new BsonDocument("r", 1)),
        ], new BulkWriteOptions { IsOrdered = true });

        Assert.Equal(1, result.InsertedCount);
        Assert.Equal(5, result.MatchedCount);
        Assert.Equal(3, result.ModifiedCount);
        Assert.Equal(1, result.DeletedCount);
        Assert.Equal([new BulkWriteUpsert(3, 99)], result.Upserts);
    }

    [Fact]
    public async Task A_bad_update_operator_fails_that_operation_only()
    {
        await using var temp = new TempStore();
        await temp.InsertAsync("c", new BsonDocument("_id", 1));

        var error = await Assert.ThrowsAsync<BulkWriteFailedException>(() => temp.Collection().BulkWriteAsync(
            [new UpdateRequest(new BsonDocument("_id", 1), new BsonDocument("$bogus", new BsonDocument("a", 1))), Insert(2)]));

        Assert.Equal(0, Assert.Single(error.WriteErrors).Index);
        Assert.Equal(2, await temp.Collection().CountAsync());
    }
}

using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Store.Embedded.Tests;

public class ConcurrencyTests
{
    [Fact]
    public async Task Parallel_writers_and_partitioned_readers_see_every_document_once()
    {
        await using var temp = new TempStore();
        var collection = temp.Collection();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
        {
            for (var batch = 0; batch < 5; batch++)
            {
                var requests = Enumerable.Range(0, 100)
                    .Select(i => (WriteRequest)new InsertRequest(new BsonDocument("_id", (writer * 1000) + (batch * 100) + i)))
                    .ToList();
                await collection.BulkWriteAsync(requests);
            }
        })));

        var ranges = await collection.SplitAsync(4);
        var parts = await Task.WhenAll(ranges.Select(range => Task.Run(() => collection.ScanAsync(new ScanOptions { Partition = range, BatchSize = 64 }).ToListAsync())));

        var ids = parts.SelectMany(p => p).Select(d => d["_id"].AsInt32).ToList();
        Assert.Equal(4000, ids.Count);
        Assert.Equal(Enumerable.Range(0, 8).SelectMany(w => Enumerable.Range(w * 1000, 500)), ids);
    }

    [Fact]
    public async Task Two_stores_on_the_same_folder_share_the_data()
    {
        await using var temp = new TempStore();
        await temp.InsertAsync("c", new BsonDocument("_id", 1));
        await using var second = temp.Open();

        await second.GetDatabase("test").GetCollection("c").BulkWriteAsync([new InsertRequest(new BsonDocument("_id", 2))]);

        Assert.Equal(2, await temp.Collection().CountAsync());
    }
}

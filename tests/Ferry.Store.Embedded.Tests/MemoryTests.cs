using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Store.Embedded.Tests;

/// <summary>Measures process-wide managed memory, so it runs alone (no other test allocating at the same time).</summary>
[CollectionDefinition(nameof(MemoryTests), DisableParallelization = true)]
public sealed class MemoryTestsCollection;

[Collection(nameof(MemoryTests))]
public class MemoryTests
{
    [Fact]
    public async Task Scanning_a_large_collection_holds_one_batch_in_memory()
    {
        await using var temp = new TempStore();
        const int count = 30_000;
        var pad = new string('x', 2000);
        for (var batch = 0; batch < count; batch += 5000)
        {
            await temp.Collection().BulkWriteAsync(Enumerable.Range(batch, 5000).Select(i => (WriteRequest)new InsertRequest(new BsonDocument { { "_id", i }, { "pad", pad } })).ToList());
        }

        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0;
        var seen = 0;
        await foreach (var _ in temp.Collection().ScanAsync(new ScanOptions { BatchSize = 500 }))
        {
            if (++seen % 5000 == 0)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
            }
        }

        Assert.Equal(count, seen);
        Assert.True(peak < 12 * 1024 * 1024, $"scan retained {peak / 1024 / 1024} MiB of a ~{count * 2 / 1000} MB collection");
    }
}

using Ferry.Core.Storage;
using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Store.Embedded.Tests;

public class ScanTests
{
    /// <summary>Ids of many types, including numbers of different types that interleave (1, 1.5L-ish, 2.0, decimal 2.5).</summary>
    private static readonly BsonValue[] MixedIds =
    [
        1, 2.5, 3L, Decimal128.Parse("3.5"), -1, 0.25, int.MaxValue, 9007199254740993L, 1e20,
        "a", "b", "", "é", ObjectId.Parse("5f0000000000000000000001"), ObjectId.Parse("5f0000000000000000000002"),
        new BsonDocument("x", 1), new BsonDocument("x", "1"), true, false, new BsonDateTime(0), new BsonDateTime(-5),
        new BsonTimestamp(5), BsonMinKey.Value, BsonMaxKey.Value, BsonNull.Value, new BsonBinaryData([1, 2]),
    ];

    [Fact]
    public async Task Scan_returns_every_document_in_MongoDB_id_order_with_small_batches()
    {
        await using var temp = new TempStore();
        await temp.InsertAsync("c", MixedIds.Reverse().Select(id => new BsonDocument { { "_id", id }, { "v", 1 } }).ToArray());

        var scanned = await temp.Collection().ScanAsync(new ScanOptions { BatchSize = 3 }).ToListAsync();

        var expected = MixedIds.Order(BsonValueComparer.Instance).ToList();
        Assert.Equal(expected, scanned.Select(d => d["_id"]));
    }

    [Fact]
    public async Task A_scan_ends_when_its_collection_is_dropped_between_batches()
    {
        await using var temp = new TempStore();
        await temp.InsertAsync("c", Enumerable.Range(0, 10).Select(i => new BsonDocument("_id", i)).ToArray());

        var seen = new List<int>();
        await foreach (var document in temp.Collection().ScanAsync(new ScanOptions { BatchSize = 4 }))
        {
            seen.Add(document["_id"].AsInt32);
            if (seen.Count == 1)
            {
                await temp.Db.DropCollectionAsync("c");
            }
        }

        Assert.Equal([0, 1, 2, 3], seen);
    }

    [Fact]
    public async Task Scan_resumes_strictly_after_any_id()
    {
        await using var temp = new TempStore();
        await temp.InsertAsync("c", MixedIds.Select(id => new BsonDocument("_id", id)).ToArray());
        var ordered = MixedIds.Order(BsonValueComparer.Instance).ToList();

        for (var i = 0; i < ordered.Count; i++)
        {
            var rest = await temp.Collection().ScanAsync(new ScanOptions { AfterId = ordered[i], BatchSize = 4 }).ToListAsync();
            Assert.Equal(ordered.Skip(i + 1), rest.Select(d => d["_id"]));
        }
    }

    [Fact]
    public async Task Resume_after_an_equal_number_of_another_type_skips_it()
    {
        await using var temp = new TempStore();
        await temp.InsertAsync("c", new BsonDocument("_id", 1), new BsonDocument("_id", 2L), new BsonDocument("_id", 3.0));

        var rest = await temp.Collection().ScanAsync(new ScanOptions { AfterId = 2.0 }).ToListAsync();

        Assert.Equal([new BsonDocument("_id", 3.0)], rest);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(100)]
    public async Task Split_ranges_cover_every_document_exactly_once(int parts)
    {
        await using var temp = new TempStore();
        var ids = MixedIds.Concat(Enumerable.Range(100, 50).Select(i => (BsonValue)i)).ToList();
        await temp.InsertAsync("c", ids.Select(id => new BsonDocument("_id", id)).ToArray());

        var ranges = await temp.Collection().SplitAsync(parts);
        var seen = new List<BsonValue>();
        foreach (var range in ranges)
        {
            seen.AddRange((await temp.Collection().ScanAsync(new ScanOptions { Partition = range, BatchSize = 5 }).ToListAsync()).Select(d => d["_id"]));
        }

        Assert.True(ranges.Count <= parts);
        Assert.Equal(Math.Min(parts, ids.Count), ranges.Count);
        Assert.Equal(ids.Order(BsonValueComparer.Instance), seen);
    }

    [Fact]
    public async Task Split_of_an_empty_or_missing_collection_is_one_open_range()
    {
        await using var temp = new TempStore();

        var ranges = await temp.Collection().SplitAsync(4);

        Assert.Equal([new IdRange(null, null)], ranges);
    }

    [Fact]
    public async Task Scan_filters_projects_and_limits()
    {
        await using var temp = new TempStore();
        await temp.InsertAsync("c", Enumerable.Range(1, 30).Select(i => new BsonDocument { { "_id", i }, { "odd", i % 2 == 1 }, { "x", i } }).ToArray());

        var scanned = await temp.Collection().ScanAsync(new ScanOptions
        {
            Filter = new BsonDocument("odd", true),
            Projection = new BsonDocument("x", 1),
            Limit = 3,
            BatchSize = 2,
        }).ToListAsync();

        Assert.Equal([new BsonDocument { { "_id", 1 }, { "x", 1 } }, new BsonDocument { { "_id", 3 }, { "x", 3 } }, new BsonDocument { { "_id", 5 }, { "x", 5 } }], scanned.Select(r => (BsonDocument)new BsonDocument(r)));
    }

    [Fact]
    public async Task Writes_between_batches_of_a_scan_are_not_blocked()
    {
        await using var temp = new TempStore();
        await temp.InsertAsync("c", Enumerable.Range(1, 10).Select(i => new BsonDocument { { "_id", i }, { "n", 0 } }).ToArray());
        var collection = temp.Collection();

        var seen = 0;
        await foreach (var document in collection.ScanAsync(new ScanOptions { BatchSize = 2 }))
        {
            await collection.BulkWriteAsync([new UpdateRequest(new BsonDocument("_id", document["_id"]), new BsonDocument("$set", new BsonDocument("n", 1)))]);
            seen++;
        }

        Assert.Equal(10, seen);
        Assert.Equal(10, await collection.CountAsync(new BsonDocument("n", 1)));
    }

    [Fact]
    public async Task Id_range_filters_stay_within_the_type_bracket()
    {
        await using var temp = new TempStore();
        await temp.InsertAsync("c", MixedIds.Select(id => new BsonDocument("_id", id)).ToArray());

        var numbersAbove2 = await temp.Collection().FindAsync(new BsonDocument("_id", new BsonDocument("$gt", 2))).ToListAsync();
        var stringsUpToB = await temp.Collection().FindAsync(new BsonDocument("_id", new BsonDocument { { "$gte", "a" }, { "$lte", "b" } })).ToListAsync();

        Assert.Equal([2.5, 3L, Decimal128.Parse("3.5"), int.MaxValue, 9007199254740993L, 1e20], numbersAbove2.Select(d => d["_id"]).ToList<BsonValue>(), BsonValueComparer.Instance);
        Assert.Equal(["a", "b"], stringsUpToB.Select(d => d["_id"].AsString));
    }
}

using Ferry.Core.Storage;
using Ferry.Store.Conformance.Targets;
using MongoDB.Bson;

namespace Ferry.Store.Conformance.Suite;

/// <summary>Partitioned scans: N ranges cover every document exactly once, whatever the <c>_id</c> types.</summary>
public abstract partial class StoreConformanceTests
{
    [SkippableTheory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(50)]
    public async Task Split_ranges_cover_mixed_type_ids_exactly_once_in_order(int readers)
    {
        await using var db = await OpenAsync();
        var c = await SeedMixedIdsAsync(db);

        var ranges = await c.SplitAsync(readers);
        var seen = new List<string>();
        foreach (var range in ranges)
        {
            seen.AddRange(await c.ScanAsync(new ScanOptions { Partition = range }).Select(d => d["_id"].ToJson()).ToListAsync());
        }

        Assert.InRange(ranges.Count, 1, readers);
        Assert.Null(ranges[0].Min);
        Assert.Null(ranges[^1].Max);
        Assert.Equal(MixedIdsInOrder.Select(v => v.ToJson()), seen);
    }

    [SkippableFact]
    public async Task Split_of_many_documents_gives_the_requested_number_of_ranges()
    {
        await using var db = await OpenAsync();
        var c = db.Collection("many");
        await c.BulkWriteAsync(Enumerable.Range(0, 1000).Select(i => (WriteRequest)new InsertRequest(new BsonDocument { { "_id", i % 2 == 0 ? i : (BsonValue)("k" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)) } })).ToList());

        var ranges = await c.SplitAsync(4);
        var counts = new List<long>();
        foreach (var range in ranges)
        {
            counts.Add(await c.ScanAsync(new ScanOptions { Partition = range, BatchSize = 100 }).CountAsync());
        }

        Assert.InRange(ranges.Count, 2, 4);
        Assert.Equal(1000, counts.Sum());
        Assert.All(counts, n => Assert.InRange(n, 1, 999));
    }

    [SkippableFact]
    public async Task Explicit_partitions_across_type_brackets_select_the_half_open_interval()
    {
        await using var db = await OpenAsync();
        var c = await SeedMixedIdsAsync(db);

        var numbersToStrings = await c.ScanAsync(new ScanOptions { Partition = new IdRange(new BsonInt64(2), new BsonString("b")) }).Select(d => d["_id"].ToJson()).ToListAsync();
        var fromObjectIds = await c.ScanAsync(new ScanOptions { Partition = new IdRange(new BsonObjectId(ObjectId.Empty), null), AfterId = BsonBoolean.False }).Select(d => d["_id"].ToJson()).ToListAsync();

        Assert.Equal(new BsonValue[] { 2L, new BsonDecimal128(Decimal128.Parse("2.5")), 10, "", "a" }.Select(v => v.ToJson()), numbersToStrings);
        Assert.Equal(new BsonValue[] { true, new BsonDateTime(0), new BsonDateTime(1_700_000_000_000), new BsonTimestamp(5, 1), BsonMaxKey.Value }.Select(v => v.ToJson()), fromObjectIds);
    }
}

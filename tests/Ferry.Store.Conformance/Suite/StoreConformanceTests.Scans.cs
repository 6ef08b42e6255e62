using Ferry.Core.Storage;
using Ferry.Store.Conformance.Targets;
using MongoDB.Bson;

namespace Ferry.Store.Conformance.Suite;

/// <summary>Scans: <c>_id</c> order across types, raw bytes, filters, batch sizes, resume after an <c>_id</c>.</summary>
public abstract partial class StoreConformanceTests
{
    /// <summary>One <c>_id</c> of each type bracket, inserted out of order; listed here in MongoDB's order.</summary>
    internal static readonly BsonValue[] MixedIdsInOrder =
    [
        BsonMinKey.Value,
        BsonNull.Value,
        new BsonDouble(-1.5),
        new BsonInt32(1),
        new BsonInt64(2),
        new BsonDecimal128(Decimal128.Parse("2.5")),
        new BsonInt32(10),
        new BsonString(""),
        new BsonString("a"),
        new BsonString("b"),
        new BsonDocument("x", 1),
        new BsonBinaryData([1, 2, 3]),
        new BsonObjectId(ObjectId.Parse("000000000000000000000001")),
        new BsonObjectId(ObjectId.Parse("ffffffffffffffffffffffff")),
        BsonBoolean.False,
        BsonBoolean.True,
        new BsonDateTime(0),
        new BsonDateTime(1_700_000_000_000),
        new BsonTimestamp(5, 1),
        BsonMaxKey.Value,
    ];

    private static async Task<IDocumentCollection> SeedMixedIdsAsync(TestDatabase db)
    {
        var c = db.Collection("mixed");
        var shuffled = MixedIdsInOrder.Select((id, i) => (id, key: (i * 7) % MixedIdsInOrder.Length)).OrderBy(p => p.key).Select(p => p.id);
        await c.BulkWriteAsync(shuffled.Select(id => (WriteRequest)new InsertRequest(new BsonDocument { { "_id", id }, { "v", 1 } })).ToList());
        return c;
    }

    [SkippableFact]
    public async Task Scan_returns_every_document_in_id_order_across_types()
    {
        await using var db = await OpenAsync();
        var c = await SeedMixedIdsAsync(db);

        var ids = await c.ScanAsync(new ScanOptions { BatchSize = 3 }).Select(d => d["_id"]).ToListAsync();

        Assert.Equal(MixedIdsInOrder.Select(v => v.ToJson()), ids.Select(v => v.ToJson()));
    }

    [SkippableFact]
    public async Task Scan_resumes_strictly_after_an_id_of_any_type()
    {
        await using var db = await OpenAsync();
        var c = await SeedMixedIdsAsync(db);

        for (var i = 0; i < MixedIdsInOrder.Length; i++)
        {
            var rest = await c.ScanAsync(new ScanOptions { AfterId = MixedIdsInOrder[i], BatchSize = 2 }).Select(d => d["_id"].ToJson()).ToListAsync();
            Assert.Equal(MixedIdsInOrder.Skip(i + 1).Select(v => v.ToJson()), rest);
        }
    }

    [SkippableFact]
    public async Task Scan_applies_filter_projection_and_limit_and_keeps_raw_bytes()
    {
        await using var db = await OpenAsync();
        var c = db.Collection("items");
        var original = new BsonDocument { { "_id", 1 }, { "d", 1.0 }, { "l", 5L }, { "s", "x" }, { "n", new BsonDocument("z", 1).Add("a", 2) } };
        await c.BulkWriteAsync([new InsertRequest(original), new InsertRequest(Doc.Parse("{_id: 2, s: 'y'}")), new InsertRequest(Doc.Parse("{_id: 3, s: 'x'}"))]);

        var whole = await c.ScanAsync().ToListAsync();
        var projected = await c.ScanAsync(new ScanOptions { Filter = Doc.Parse("{s: 'x'}"), Projection = Doc.Parse("{s: 1}"), Limit = 1 }).ToListAsync();

        Assert.Equal(original.ToBson(), RawBytes(whole[0]));
        AssertDocuments(projected.Select(p => new BsonDocument(p)), "{_id: 1, s: 'x'}");
    }

    [SkippableFact]
    public async Task Scan_of_a_missing_collection_is_empty()
    {
        await using var db = await OpenAsync();

        Assert.Empty(await db.Collection("nothing").ScanAsync().ToListAsync());
        Assert.Equal(0, await db.Collection("nothing").CountAsync());
    }
}

using Ferry.Core.Backup;
using Ferry.Core.Backup.Formats;
using Ferry.Store.Embedded;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;

namespace Ferry.Core.Tests.Backup;

public sealed class OplogReplayTests
{
    [Theory]
    [InlineData("mongo-tools/mongorestore/testdata/oplogdump", "db1", "c1")]
    [InlineData("mongo-tools/test/qa-tests/jstests/restore/testdata/dump_with_oplog", "test", "data")]
    public async Task Oplog_inserts_are_replayed_after_the_data(string relative, string database, string collection)
    {
        var from = TestPaths.Sample(relative);
        var inserted = (await ReadAsync(Path.Combine(from, "oplog.bson"))).SelectMany(Flatten)
            .Where(e => e["op"] == "i" && e["ns"] == $"{database}.{collection}")
            .Select(e => e["o"].AsBsonDocument)
            .ToList();
        Assert.NotEmpty(inserted);

        using var temp = new TempFolder();
        await using var store = new EmbeddedStore(temp.Combine("store"), "file:store");
        var result = await BackupFixtures.Service().RestoreAsync(store, new RestoreOptions { FromPath = from, BackupRoot = temp.Path, OplogReplay = true });
        Assert.True(result.Ok, string.Join("\n", result.Namespaces.SelectMany(n => n.Problems)));
        Assert.Contains(result.Warnings, w => w.StartsWith($"oplog replayed: applied insert {inserted.Count}", StringComparison.Ordinal));
        foreach (var document in inserted)
        {
            Assert.Equal(document, await store.GetDatabase(database).GetCollection(collection).FindOneAsync(new BsonDocument("_id", document["_id"])));
        }
    }

    [Fact]
    public async Task Time_series_bucket_deltas_replay_as_updates()
    {
        using var temp = new TempFolder();
        await using var store = new EmbeddedStore(temp.Combine("store"), "file:store");
        var result = await BackupFixtures.Service().RestoreAsync(store, new RestoreOptions
        {
            FromPath = TestPaths.MongoTools("mongorestore/testdata/timeseries_tests/ts_dump_with_oplog"),
            BackupRoot = temp.Path,
            OplogReplay = true,
        });
        Assert.True(result.Ok, string.Join("\n", result.Namespaces.SelectMany(n => n.Problems)));
        Assert.Contains("oplog replayed: applied update 872;", string.Join("\n", result.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void A_v2_delta_becomes_set_unset_and_array_truncation()
    {
        var o = BsonDocument.Parse("{ $v: 2, diff: { u: { a: 1 }, i: { b: 2 }, d: { c: false }, sx: { u: { y: 3 } }, sarr: { a: true, u1: 'z', l: 3, s0: { u: { k: 4 } } } } }");
        Assert.Equal(
            BsonDocument.Parse("{ $set: { a: 1, b: 2, 'x.y': 3, 'arr.1': 'z', 'arr.0.k': 4 }, $unset: { c: '' }, $push: { arr: { $each: [], $slice: 3 } } }"),
            Ferry.Core.Backup.Oplog.OplogUpdateDiff.ToUpdate(o));
        Assert.Null(Ferry.Core.Backup.Oplog.OplogUpdateDiff.ToUpdate(BsonDocument.Parse("{ _id: 1, a: 2 }")));
        Assert.Equal(BsonDocument.Parse("{ $set: { a: 2 } }"), Ferry.Core.Backup.Oplog.OplogUpdateDiff.ToUpdate(BsonDocument.Parse("{ $v: 1, $set: { a: 2 } }")));
    }

    private static IEnumerable<BsonDocument> Flatten(BsonDocument entry) =>
        entry["op"] == "c" && entry["o"].AsBsonDocument.Contains("applyOps")
            ? entry["o"]["applyOps"].AsBsonArray.SelectMany(e => Flatten(e.AsBsonDocument))
            : [entry];

    private static async Task<List<BsonDocument>> ReadAsync(string path)
    {
        await using var stream = BackupStreams.OpenRead(path);
        return (await new BsonStreamReader(stream, path).ReadAllAsync().ToListAsync()).Select(b => BsonSerializer.Deserialize<BsonDocument>(b)).ToList();
    }
}

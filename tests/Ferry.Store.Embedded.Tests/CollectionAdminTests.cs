using Ferry.Core.Storage;
using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Store.Embedded.Tests;

public class CollectionAdminTests
{
    [Fact]
    public async Task Create_lists_options_and_refuses_an_existing_name()
    {
        await using var temp = new TempStore();
        var options = new BsonDocument { { "validator", new BsonDocument("a", new BsonDocument("$exists", true)) }, { "validationLevel", "moderate" } };
        await temp.Db.CreateCollectionAsync("b", options);
        await temp.InsertAsync("a", new BsonDocument("_id", 1));

        var error = await Assert.ThrowsAsync<MqlException>(() => temp.Db.CreateCollectionAsync("b"));
        var listed = await temp.Db.ListCollectionsAsync();

        Assert.Equal(ErrorCodes.NamespaceExists, error.Code);
        Assert.Equal(["a", "b"], listed.Select(c => c.Name));
        Assert.Equal(options, listed[1].Options);
        Assert.Equal("collection", listed[1].Type);
        Assert.Matches("^[0-9a-f]{32}$", listed[1].Uuid!);
    }

    [Fact]
    public async Task Rename_is_atomic_keeps_indexes_and_honours_dropTarget()
    {
        await using var temp = new TempStore();
        await temp.InsertAsync("a", new BsonDocument { { "_id", 1 }, { "e", 1 } });
        await temp.Collection("a").CreateIndexesAsync([new BsonDocument { { "key", new BsonDocument("e", 1) }, { "unique", true } }]);
        await temp.InsertAsync("b", new BsonDocument("_id", 2));

        var exists = await Assert.ThrowsAsync<MqlException>(() => temp.Db.RenameCollectionAsync("a", "b"));
        var missing = await Assert.ThrowsAsync<MqlException>(() => temp.Db.RenameCollectionAsync("ghost", "z"));
        await temp.Db.RenameCollectionAsync("a", "b", dropTarget: true);

        Assert.Equal(ErrorCodes.NamespaceExists, exists.Code);
        Assert.Equal(ErrorCodes.NamespaceNotFound, missing.Code);
        Assert.Equal(["b"], (await temp.Db.ListCollectionsAsync()).Select(c => c.Name));
        Assert.Equal([new BsonDocument { { "_id", 1 }, { "e", 1 } }], await temp.Collection("b").FindAsync(null).ToListAsync());
        Assert.Equal(["_id_", "e_1"], (await temp.Collection("b").ListIndexesAsync()).Select(i => i["name"].AsString));
        await Assert.ThrowsAsync<BulkWriteFailedException>(() => temp.InsertAsync("b", new BsonDocument { { "_id", 3 }, { "e", 1 } }));
    }

    [Fact]
    public async Task Drop_collection_and_database()
    {
        await using var temp = new TempStore();
        await temp.InsertAsync("a", new BsonDocument("_id", 1));
        await temp.Collection("a").CreateIndexesAsync([new BsonDocument { { "key", new BsonDocument("x", 1) }, { "unique", true } }]);

        await temp.Db.DropCollectionAsync("a");
        await temp.Db.DropCollectionAsync("never-existed");
        await temp.InsertAsync("a", new BsonDocument("_id", 1), new BsonDocument("_id", 2));

        Assert.Equal(2, await temp.Collection("a").CountAsync());
        Assert.Equal(["test"], await temp.Store.ListDatabaseNamesAsync());
        await temp.Store.DropDatabaseAsync("test");
        Assert.Empty(await temp.Store.ListDatabaseNamesAsync());
        Assert.Equal(0, await temp.Collection("a").CountAsync());
    }

    [Fact]
    public async Task Stats_report_counts_sizes_and_every_index()
    {
        await using var temp = new TempStore();
        var documents = Enumerable.Range(0, 50).Select(i => new BsonDocument { { "_id", i }, { "e", "user" + i } }).ToArray();
        await temp.InsertAsync("c", documents);
        await temp.Collection().CreateIndexesAsync([new BsonDocument("key", new BsonDocument("e", 1))]);

        var stats = await temp.Collection().GetStatsAsync();
        var database = await temp.Db.GetStatsAsync();

        var dataSize = documents.Sum(d => (long)d.ToBson().Length);
        Assert.Equal("test.c", stats.Namespace);
        Assert.Equal(50, stats.Count);
        Assert.Equal(dataSize, stats.DataSize);
        Assert.Equal(dataSize / 50, stats.AverageObjectSize);
        Assert.True(stats.StorageSize > 0);
        Assert.Equal(2, stats.IndexCount);
        Assert.Equal(["_id_", "e_1"], stats.IndexSizes.Keys.Order());
        Assert.All(stats.IndexSizes.Values, size => Assert.True(size > 0));
        Assert.Equal(stats.IndexSizes.Values.Sum(), stats.TotalIndexSize);
        Assert.Equal(new DatabaseStats("test", 1, 50, dataSize, database.StorageSize, 2, stats.TotalIndexSize), database);
        Assert.True(database.StorageSize > 0);
    }

    [Fact]
    public async Task Server_info_describes_the_embedded_store()
    {
        await using var temp = new TempStore();

        var info = await temp.Store.GetServerInfoAsync();

        Assert.Equal("embedded", info.Kind);
        Assert.Equal("embedded", info.Topology);
        Assert.Matches(@"^3\.\d+\.\d+", info.Version);
        Assert.Equal(info.Version, info.Details["sqliteVersion"].AsString);
    }

    [Fact]
    public async Task Distinct_unwinds_arrays_and_dedupes_equal_numbers()
    {
        await using var temp = new TempStore();
        await temp.InsertAsync("c",
            new BsonDocument { { "_id", 1 }, { "t", new BsonArray { "a", "b" } } },
            new BsonDocument { { "_id", 2 }, { "t", "a" } },
            new BsonDocument { { "_id", 3 }, { "t", 1 } },
            new BsonDocument { { "_id", 4 }, { "t", 1.0 } },
            new BsonDocument("_id", 5));

        var values = await temp.Collection().DistinctAsync("t");

        Assert.Equal(new BsonValue[] { 1, "a", "b" }, values);
    }

    [Fact]
    public async Task Find_sort_beyond_the_memory_limit_fails_with_292()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ferry-embedded-tests", Guid.NewGuid().ToString("N"));
        await using var store = new EmbeddedStore(folder, "file:" + folder, context: QueryContext.Default with { MemoryLimitBytes = 2000 });
        var collection = store.GetDatabase("test").GetCollection("c");
        await collection.BulkWriteAsync(Enumerable.Range(0, 100).Select(i => (WriteRequest)new InsertRequest(new BsonDocument { { "_id", i }, { "k", -i } })).ToList());

        var error = await Assert.ThrowsAsync<MqlException>(() => collection.FindAsync(null, new FindOptions { Sort = new BsonDocument("k", 1) }).ToListAsync());
        var topThree = await collection.FindAsync(null, new FindOptions { Sort = new BsonDocument("k", 1), Limit = 3 }).ToListAsync();

        Assert.Equal(ErrorCodes.QueryExceededMemoryLimitNoDiskUseAllowed, error.Code);
        Assert.Equal([99, 98, 97], topThree.Select(d => d["_id"].AsInt32));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Find_sorted_by_id_descending_streams_in_reverse_key_order_without_a_memory_sort()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ferry-embedded-tests", Guid.NewGuid().ToString("N"));
        await using var store = new EmbeddedStore(folder, "file:" + folder, context: QueryContext.Default with { MemoryLimitBytes = 500 });
        var collection = store.GetDatabase("test").GetCollection("c");
        await collection.CreateIndexesAsync([new BsonDocument("key", new BsonDocument("g", 1))]);
        await collection.BulkWriteAsync(Enumerable.Range(0, 50).Select(i => (WriteRequest)new InsertRequest(new BsonDocument { { "_id", i }, { "g", i % 5 } })).ToList());
        var descending = new BsonDocument("_id", -1);

        var all = await collection.FindAsync(null, new FindOptions { Sort = descending, BatchSize = 7 }).ToListAsync();
        var byIndex = await collection.FindAsync(new BsonDocument("g", new BsonDocument("$in", new BsonArray { 1, 2 })), new FindOptions { Sort = descending, BatchSize = 3, Skip = 1, Limit = 4 }).ToListAsync();
        var byIds = await collection.FindAsync(new BsonDocument("_id", new BsonDocument("$in", new BsonArray { 3, 40, 7 })), new FindOptions { Sort = descending }).ToListAsync();
        var byRange = await collection.FindAsync(new BsonDocument("_id", new BsonDocument("$lt", 5)), new FindOptions { Sort = descending, BatchSize = 2 }).ToListAsync();

        Assert.Equal(Enumerable.Range(0, 50).Reverse(), all.Select(d => d["_id"].AsInt32));
        Assert.Equal([46, 42, 41, 37], byIndex.Select(d => d["_id"].AsInt32));
        Assert.Equal([40, 7, 3], byIds.Select(d => d["_id"].AsInt32));
        Assert.Equal([4, 3, 2, 1, 0], byRange.Select(d => d["_id"].AsInt32));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_database_whose_last_collection_was_dropped_is_not_listed()
    {
        await using var temp = new TempStore();
        await temp.InsertAsync("a", new BsonDocument("_id", 1));
        await temp.Store.GetDatabase("other").GetCollection("b").BulkWriteAsync([new InsertRequest(new BsonDocument("_id", 1))]);

        await temp.Db.DropCollectionAsync("a");

        Assert.Equal(["other"], await temp.Store.ListDatabaseNamesAsync());
    }
}

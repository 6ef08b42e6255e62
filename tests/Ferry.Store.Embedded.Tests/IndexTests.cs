using Ferry.Core.Storage;
using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Store.Embedded.Tests;

public class IndexTests
{
    private static BsonDocument Unique(string field) => new() { { "key", new BsonDocument(field, 1) }, { "unique", true } };

    [Fact]
    public async Task Unique_index_refuses_a_duplicate_insert_with_MongoDBs_message()
    {
        await using var temp = new TempStore();
        var names = await temp.Collection().CreateIndexesAsync([Unique("email")]);
        await temp.InsertAsync("c", new BsonDocument { { "_id", 1 }, { "email", "a@b.c" } });

        var error = await Assert.ThrowsAsync<BulkWriteFailedException>(() =>
            temp.Collection().BulkWriteAsync([new InsertRequest(new BsonDocument { { "_id", 2 }, { "email", "a@b.c" } })]));

        Assert.Equal(["email_1"], names);
        var write = Assert.Single(error.WriteErrors);
        Assert.Equal(11000, write.Code);
        Assert.Equal("E11000 duplicate key error collection: test.c index: email_1 dup key: { email: \"a@b.c\" }", write.Message);
        Assert.Equal(1, await temp.Collection().CountAsync());
    }

    [Fact]
    public async Task Update_into_a_duplicate_fails_and_leaves_the_document_unchanged()
    {
        await using var temp = new TempStore();
        await temp.Collection().CreateIndexesAsync([Unique("email")]);
        await temp.InsertAsync("c", new BsonDocument { { "_id", 1 }, { "email", "a" } }, new BsonDocument { { "_id", 2 }, { "email", "b" } });

        var error = await Assert.ThrowsAsync<BulkWriteFailedException>(() => temp.Collection().BulkWriteAsync(
            [new UpdateRequest(new BsonDocument("_id", 2), new BsonDocument("$set", new BsonDocument("email", "a")))]));

        Assert.Equal(11000, Assert.Single(error.WriteErrors).Code);
        Assert.Equal(0, error.Result.ModifiedCount);
        Assert.Equal(new BsonDocument { { "_id", 2 }, { "email", "b" } }, await temp.Collection().FindOneAsync(new BsonDocument("_id", 2)));

        // The index still holds "b" for document 2 and "a" for 1: freeing "b" and reusing it works.
        await temp.Collection().BulkWriteAsync([new UpdateRequest(new BsonDocument("_id", 2), new BsonDocument("$set", new BsonDocument("email", "c")))]);
        await temp.InsertAsync("c", new BsonDocument { { "_id", 3 }, { "email", "b" } });
        Assert.Equal(3, await temp.Collection().CountAsync());
    }

    [Fact]
    public async Task Creating_a_unique_index_over_duplicates_fails_and_creates_nothing()
    {
        await using var temp = new TempStore();
        await temp.InsertAsync("c", new BsonDocument { { "_id", 1 }, { "a", 5 } }, new BsonDocument { { "_id", 2 }, { "a", 5L } });

        var error = await Assert.ThrowsAsync<MqlException>(() => temp.Collection().CreateIndexesAsync([Unique("a")]));

        Assert.Equal(11000, error.Code);
        Assert.StartsWith("E11000 duplicate key error collection: test.c index: a_1 dup key: { a: ", error.Message);
        var indexes = await temp.Collection().ListIndexesAsync();
        Assert.Equal([new BsonDocument { { "v", 2 }, { "key", new BsonDocument("_id", 1) }, { "name", "_id_" } }], indexes);
    }

    [Fact]
    public async Task Multikey_unique_index_has_one_entry_per_element()
    {
        await using var temp = new TempStore();
        await temp.Collection().CreateIndexesAsync([Unique("tags")]);
        await temp.InsertAsync("c", new BsonDocument { { "_id", 1 }, { "tags", new BsonArray { 1, 2, 2 } } });

        var error = await Assert.ThrowsAsync<BulkWriteFailedException>(() =>
            temp.Collection().BulkWriteAsync([new InsertRequest(new BsonDocument { { "_id", 2 }, { "tags", new BsonArray { 3, 2 } } })]));

        Assert.Equal("E11000 duplicate key error collection: test.c index: tags_1 dup key: { tags: 2 }", Assert.Single(error.WriteErrors).Message);
        Assert.Equal(1, await temp.Collection().CountAsync(new BsonDocument("tags", 1)));
    }

    [Fact]
    public async Task Missing_fields_collide_as_null_unless_the_index_is_sparse()
    {
        await using var temp = new TempStore();
        await temp.Collection("plain").CreateIndexesAsync([Unique("x")]);
        await temp.Collection("sparse").CreateIndexesAsync([new BsonDocument { { "key", new BsonDocument("x", 1) }, { "unique", true }, { "sparse", true } }]);

        await temp.InsertAsync("sparse", new BsonDocument("_id", 1), new BsonDocument("_id", 2));
        await temp.InsertAsync("plain", new BsonDocument("_id", 1));
        var error = await Assert.ThrowsAsync<BulkWriteFailedException>(() => temp.InsertAsync("plain", new BsonDocument("_id", 2)));

        Assert.Equal("E11000 duplicate key error collection: test.plain index: x_1 dup key: { x: null }", Assert.Single(error.WriteErrors).Message);
        Assert.Equal(2, await temp.Collection("sparse").CountAsync());
    }

    [Fact]
    public async Task Partial_unique_index_only_constrains_matching_documents()
    {
        await using var temp = new TempStore();
        await temp.Collection().CreateIndexesAsync([new BsonDocument
        {
            { "key", new BsonDocument("email", 1) },
            { "unique", true },
            { "partialFilterExpression", new BsonDocument("active", true) },
        }]);

        await temp.InsertAsync("c", new BsonDocument { { "_id", 1 }, { "email", "a" }, { "active", false } }, new BsonDocument { { "_id", 2 }, { "email", "a" }, { "active", true } });
        var error = await Assert.ThrowsAsync<BulkWriteFailedException>(() => temp.InsertAsync("c", new BsonDocument { { "_id", 3 }, { "email", "a" }, { "active", true } }));

        Assert.Equal(11000, Assert.Single(error.WriteErrors).Code);
    }

    [Fact]
    public async Task Index_specs_are_listed_like_MongoDB_with_generated_names()
    {
        await using var temp = new TempStore();
        var names = await temp.Collection().CreateIndexesAsync(
        [
            new BsonDocument("key", new BsonDocument { { "a", 1 }, { "b", -1 } }),
            new BsonDocument { { "key", new BsonDocument("c", 1) }, { "name", "by_c" }, { "expireAfterSeconds", 60 } },
        ]);

        var indexes = await temp.Collection().ListIndexesAsync();

        Assert.Equal(["a_1_b_-1", "by_c"], names);
        Assert.Equal(
            [
                new BsonDocument { { "v", 2 }, { "key", new BsonDocument("_id", 1) }, { "name", "_id_" } },
                new BsonDocument { { "v", 2 }, { "key", new BsonDocument { { "a", 1 }, { "b", -1 } } }, { "name", "a_1_b_-1" } },
                new BsonDocument { { "v", 2 }, { "key", new BsonDocument("c", 1) }, { "name", "by_c" }, { "expireAfterSeconds", 60 } },
            ],
            indexes);
    }

    [Fact]
    public async Task Conflicting_index_definitions_fail_with_85_and_86_and_identical_ones_are_no_ops()
    {
        await using var temp = new TempStore();
        await temp.Collection().CreateIndexesAsync([new BsonDocument("key", new BsonDocument("a", 1))]);

        var again = await temp.Collection().CreateIndexesAsync([new BsonDocument("key", new BsonDocument("a", 1))]);
        var otherName = await Assert.ThrowsAsync<MqlException>(() => temp.Collection().CreateIndexesAsync([new BsonDocument { { "key", new BsonDocument("a", 1) }, { "name", "other" } }]));
        var sameNameOtherKey = await Assert.ThrowsAsync<MqlException>(() => temp.Collection().CreateIndexesAsync([new BsonDocument { { "key", new BsonDocument("b", 1) }, { "name", "a_1" } }]));
        var sameNameOtherOptions = await Assert.ThrowsAsync<MqlException>(() => temp.Collection().CreateIndexesAsync([Unique("a")]));

        Assert.Equal(["a_1"], again);
        Assert.Equal(ErrorCodes.IndexOptionsConflict, otherName.Code);
        Assert.Equal(ErrorCodes.IndexKeySpecsConflict, sameNameOtherKey.Code);
        Assert.Equal(ErrorCodes.IndexOptionsConflict, sameNameOtherOptions.Code);
        Assert.Equal(2, (await temp.Collection().ListIndexesAsync()).Count);
    }

    [Fact]
    public async Task Equality_on_an_indexed_field_uses_the_index_and_counts_its_use()
    {
        await using var temp = new TempStore();
        await temp.Collection().CreateIndexesAsync([new BsonDocument("key", new BsonDocument("k", 1))]);
        await temp.InsertAsync("c", Enumerable.Range(0, 100).Select(i => new BsonDocument { { "_id", i }, { "k", i % 10 }, { "tags", new BsonArray { i % 3 } } }).ToArray());

        var found = await temp.Collection().FindAsync(new BsonDocument("k", 3)).ToListAsync();
        var usage = await temp.Collection().GetIndexUsageAsync();

        Assert.Equal(Enumerable.Range(0, 10).Select(i => (i * 10) + 3), found.Select(d => d["_id"].AsInt32));
        Assert.Equal(1, usage.Single(u => u.Name == "k_1").Operations);
        Assert.Equal(0, usage.Single(u => u.Name == "_id_").Operations);
    }

    [Fact]
    public async Task Index_entries_follow_updates_and_deletes()
    {
        await using var temp = new TempStore();
        await temp.Collection().CreateIndexesAsync([new BsonDocument("key", new BsonDocument("k", 1))]);
        await temp.InsertAsync("c", new BsonDocument { { "_id", 1 }, { "k", "x" } }, new BsonDocument { { "_id", 2 }, { "k", "x" } });

        await temp.Collection().BulkWriteAsync(
        [
            new UpdateRequest(new BsonDocument("_id", 1), new BsonDocument("$set", new BsonDocument("k", "y"))),
            new DeleteRequest(new BsonDocument("_id", 2)),
        ]);

        Assert.Empty(await temp.Collection().FindAsync(new BsonDocument("k", "x")).ToListAsync());
        Assert.Equal([1], (await temp.Collection().FindAsync(new BsonDocument("k", "y")).ToListAsync()).Select(d => d["_id"].AsInt32));
    }

    [Fact]
    public async Task Dropping_indexes()
    {
        await using var temp = new TempStore();
        await temp.Collection().CreateIndexesAsync([Unique("a")]);
        await temp.InsertAsync("c", new BsonDocument { { "_id", 1 }, { "a", 1 } });

        var idIndex = await Assert.ThrowsAsync<MqlException>(() => temp.Collection().DropIndexAsync("_id_"));
        var missing = await Assert.ThrowsAsync<MqlException>(() => temp.Collection().DropIndexAsync("nope"));
        await temp.Collection().DropIndexAsync("a_1");
        await temp.InsertAsync("c", new BsonDocument { { "_id", 2 }, { "a", 1 } });

        Assert.Equal(ErrorCodes.InvalidOptions, idIndex.Code);
        Assert.Equal(ErrorCodes.IndexNotFound, missing.Code);
        Assert.Single(await temp.Collection().ListIndexesAsync());
    }

    [Fact]
    public async Task Null_equality_on_an_indexed_path_finds_array_elements_that_lack_the_field()
    {
        await using var temp = new TempStore();
        await temp.Collection().CreateIndexesAsync([new BsonDocument("key", new BsonDocument("a.b", 1))]);
        await temp.InsertAsync("c",
            new BsonDocument { { "_id", 1 }, { "a", new BsonArray { new BsonDocument("b", 1), new BsonDocument("c", 2) } } },
            new BsonDocument { { "_id", 2 }, { "a", new BsonArray { new BsonDocument("b", 1) } } },
            new BsonDocument("_id", 3));

        var found = await temp.Collection().FindAsync(new BsonDocument("a.b", BsonNull.Value)).ToListAsync();

        Assert.Equal([1, 3], found.Select(d => d["_id"].AsInt32));
    }

    [Fact]
    public async Task In_on_an_indexed_field_uses_the_index_and_returns_each_document_once_in_id_order()
    {
        await using var temp = new TempStore();
        await temp.Collection().CreateIndexesAsync([new BsonDocument("key", new BsonDocument("tags", 1))]);
        await temp.InsertAsync("c",
            new BsonDocument { { "_id", 3 }, { "tags", new BsonArray { "x", "y" } } },
            new BsonDocument { { "_id", 1 }, { "tags", "y" } },
            new BsonDocument { { "_id", 2 }, { "tags", "z" } },
            new BsonDocument { { "_id", 4 }, { "tags", new BsonArray { "x" } } });

        var found = await temp.Collection().FindAsync(new BsonDocument("tags", new BsonDocument("$in", new BsonArray { "y", "x" })), new FindOptions { BatchSize = 1 }).ToListAsync();

        Assert.Equal([1, 3, 4], found.Select(d => d["_id"].AsInt32));
        Assert.Equal(1, (await temp.Collection().GetIndexUsageAsync()).Single(u => u.Name == "tags_1").Operations);
    }

    [Fact]
    public async Task Index_usage_counters_survive_reopening_and_follow_renames()
    {
        await using var temp = new TempStore();
        await temp.Collection().CreateIndexesAsync([new BsonDocument("key", new BsonDocument("k", 1))]);
        await temp.InsertAsync("c", new BsonDocument { { "_id", 1 }, { "k", 1 } });
        await temp.Collection().FindAsync(new BsonDocument("k", 1)).ToListAsync();
        await temp.Collection().FindAsync(new BsonDocument("k", 2)).ToListAsync();
        await temp.Collection().FindAsync(new BsonDocument("_id", 1)).ToListAsync();

        await temp.ReopenAsync();
        await temp.Collection().FindAsync(new BsonDocument("k", 1)).ToListAsync();
        await temp.Db.RenameCollectionAsync("c", "renamed");
        var usage = await temp.Collection("renamed").GetIndexUsageAsync();

        Assert.Equal(3, usage.Single(u => u.Name == "k_1").Operations);
        Assert.Equal(1, usage.Single(u => u.Name == "_id_").Operations);
        Assert.All(usage, u => Assert.NotNull(u.Since));
    }
}

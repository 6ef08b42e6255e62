using Ferry.Core.Storage;
using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Store.Embedded.Tests;

public class CrudTests
{
    [Fact]
    public async Task Insert_without_id_adds_an_ObjectId_as_the_first_field()
    {
        await using var temp = new TempStore();
        var result = await temp.Collection().BulkWriteAsync([new InsertRequest(new BsonDocument { { "a", 1 }, { "b", "x" } })]);

        var stored = await temp.Collection().FindOneAsync(null);
        Assert.NotNull(stored);
        Assert.Equal("_id", stored!.GetElement(0).Name);
        Assert.Equal(BsonType.ObjectId, stored["_id"].BsonType);
        Assert.Equal(result.InsertedIds[0], stored["_id"]);
        Assert.Equal(new BsonDocument { { "_id", stored["_id"] }, { "a", 1 }, { "b", "x" } }, stored);
        Assert.Equal(1, result.InsertedCount);
    }

    [Fact]
    public async Task Insert_moves_a_given_id_to_the_front()
    {
        await using var temp = new TempStore();
        await temp.InsertAsync("c", new BsonDocument { { "a", 1 }, { "_id", 7 } });

        var stored = await temp.Collection().FindOneAsync(null);
        Assert.Equal(new BsonDocument { { "_id", 7 }, { "a", 1 } }, stored);
        Assert.Equal("_id", stored!.GetElement(0).Name);
    }

    [Fact]
    public async Task Duplicate_id_fails_with_11000_on_the_id_index_even_across_number_types()
    {
        await using var temp = new TempStore();
        await temp.InsertAsync("c", new BsonDocument("_id", 1));

        var error = await Assert.ThrowsAsync<BulkWriteFailedException>(() =>
            temp.Collection().BulkWriteAsync([new InsertRequest(new BsonDocument("_id", 1.0))]));

        var write = Assert.Single(error.WriteErrors);
        Assert.Equal(0, write.Index);
        Assert.Equal(11000, write.Code);
        Assert.Equal("DuplicateKey", write.CodeName);
        Assert.Equal("E11000 duplicate key error collection: test.c index: _id_ dup key: { _id: 1.0 }", write.Message);
        Assert.Equal(1, await temp.Collection().CountAsync());
    }

    [Fact]
    public async Task Update_counts_matched_and_modified_like_MongoDB()
    {
        await using var temp = new TempStore();
        await temp.InsertAsync("c", new BsonDocument { { "_id", 1 }, { "a", 1 } }, new BsonDocument { { "_id", 2 }, { "a", 2 } });

        var noOp = await temp.Collection().BulkWriteAsync([new UpdateRequest(new BsonDocument("_id", 1), new BsonDocument("$set", new BsonDocument("a", 1)))]);
        Assert.Equal(1, noOp.MatchedCount);
        Assert.Equal(0, noOp.ModifiedCount);

        var many = await temp.Collection().BulkWriteAsync([new UpdateRequest(new BsonDocument(), new BsonDocument("$set", new BsonDocument("a", 5)), IsMulti: true)]);
        Assert.Equal(2, many.MatchedCount);
        Assert.Equal(2, many.ModifiedCount);
        Assert.Equal(2, await temp.Collection().CountAsync(new BsonDocument("a", 5)));
    }

    [Fact]
    public async Task Upsert_inserts_the_filter_equalities_and_reports_the_new_id()
    {
        await using var temp = new TempStore();
        var result = await temp.Collection().BulkWriteAsync(
            [new UpdateRequest(new BsonDocument("name", "x"), new BsonDocument("$set", new BsonDocument("n", 1)), IsUpsert: true)]);

        var upsert = Assert.Single(result.Upserts);
        Assert.Equal(0, upsert.Index);
        var stored = await temp.Collection().FindOneAsync(new BsonDocument("name", "x"));
        Assert.Equal(new BsonDocument { { "_id", upsert.Id }, { "name", "x" }, { "n", 1 } }, stored);
        Assert.Equal(0, result.MatchedCount);
    }

    [Fact]
    public async Task Replace_keeps_the_id_and_replace_upsert_takes_the_id_from_the_filter()
    {
        await using var temp = new TempStore();
        await temp.InsertAsync("c", new BsonDocument { { "_id", 1 }, { "a", 1 } });

        var replaced = await temp.Collection().BulkWriteAsync(
        [
            new ReplaceRequest(new BsonDocument("_id", 1), new BsonDocument("b", 2)),
            new ReplaceRequest(new BsonDocument("_id", 9), new BsonDocument("c", 3), IsUpsert: true),
        ]);

        Assert.Equal(1, replaced.ModifiedCount);
        Assert.Equal(new BsonInt32(9), Assert.Single(replaced.Upserts).Id);
        var all = await temp.Collection().FindAsync(null).ToListAsync();
        Assert.Equal([new BsonDocument { { "_id", 1 }, { "b", 2 } }, new BsonDocument { { "_id", 9 }, { "c", 3 } }], all);
    }

    [Fact]
    public async Task Replacing_the_id_fails_with_ImmutableField()
    {
        await using var temp = new TempStore();
        await temp.InsertAsync("c", new BsonDocument { { "_id", 1 }, { "a", 1 } });

        var error = await Assert.ThrowsAsync<BulkWriteFailedException>(() => temp.Collection().BulkWriteAsync(
            [new ReplaceRequest(new BsonDocument("_id", 1), new BsonDocument { { "_id", 2 }, { "a", 1 } })]));

        Assert.Equal(ErrorCodes.ImmutableField, Assert.Single(error.WriteErrors).Code);
        Assert.Equal(new BsonDocument { { "_id", 1 }, { "a", 1 } }, await temp.Collection().FindOneAsync(null));
    }

    [Fact]
    public async Task Delete_one_and_many()
    {
        await using var temp = new TempStore();
        await temp.InsertAsync("c", Enumerable.Range(1, 5).Select(i => new BsonDocument { { "_id", i }, { "even", i % 2 == 0 } }).ToArray());

        var one = await temp.Collection().BulkWriteAsync([new DeleteRequest(new BsonDocument("even", false))]);
        var many = await temp.Collection().BulkWriteAsync([new DeleteRequest(new BsonDocument("even", false), IsMulti: true)]);

        Assert.Equal(1, one.DeletedCount);
        Assert.Equal(2, many.DeletedCount);
        var left = await temp.Collection().FindAsync(null).ToListAsync();
        Assert.Equal([2, 4], left.Select(d => d["_id"].AsInt32));
    }

    [Fact]
    public async Task Document_over_16_MiB_fails_with_10334_and_MongoDB_text()
    {
        await using var temp = new TempStore();
        var big = new BsonDocument { { "_id", 1 }, { "s", new string('x', 16 * 1024 * 1024) } };
        var size = big.ToBson().Length;

        var error = await Assert.ThrowsAsync<BulkWriteFailedException>(() => temp.Collection().BulkWriteAsync([new InsertRequest(big)]));

        var write = Assert.Single(error.WriteErrors);
        Assert.Equal(10334, write.Code);
        Assert.Equal($"BSONObj size: {size} (0x{size:X}) is invalid. Size must be between 0 and 16793600(16MB)", write.Message);
        Assert.Equal(0, await temp.Collection().CountAsync());
    }

    [Fact]
    public async Task Document_of_exactly_16_MiB_is_accepted()
    {
        await using var temp = new TempStore();
        var overhead = new BsonDocument { { "_id", 1 }, { "s", string.Empty } }.ToBson().Length;
        var exact = new BsonDocument { { "_id", 1 }, { "s", new string('x', (16 * 1024 * 1024) - overhead) } };
        Assert.Equal(16 * 1024 * 1024, exact.ToBson().Length);

        await temp.InsertAsync("c", exact);

        Assert.Equal(1, await temp.Collection().CountAsync());
    }

    [Fact]
    public async Task Find_sorts_skips_limits_and_projects()
    {
        await using var temp = new TempStore();
        await temp.InsertAsync("c", Enumerable.Range(1, 20).Select(i => new BsonDocument { { "_id", i }, { "k", i % 7 }, { "x", "v" + i } }).ToArray());

        var page = await temp.Collection().FindAsync(
            new BsonDocument(),
            new FindOptions { Sort = new BsonDocument { { "k", -1 }, { "_id", 1 } }, Skip = 1, Limit = 3, Projection = new BsonDocument("x", 1) }).ToListAsync();

        Assert.Equal(
            [new BsonDocument { { "_id", 13 }, { "x", "v13" } }, new BsonDocument { { "_id", 20 }, { "x", "v20" } }, new BsonDocument { { "_id", 5 }, { "x", "v5" } }],
            page);

        var unlimited = await temp.Collection().FindAsync(null, new FindOptions { Sort = new BsonDocument("k", 1) }).ToListAsync();
        Assert.Equal([7, 14, 1, 8, 15], unlimited.Take(5).Select(d => d["_id"].AsInt32));
    }

    [Fact]
    public async Task FindOneAndUpdate_returns_before_or_after_and_upserts()
    {
        await using var temp = new TempStore();
        await temp.InsertAsync("c", new BsonDocument { { "_id", 1 }, { "n", 1 } }, new BsonDocument { { "_id", 2 }, { "n", 2 } });
        var collection = temp.Collection();

        var before = await collection.FindOneAndUpdateAsync(new BsonDocument(), new BsonDocument("$set", new BsonDocument("n", 10)), new FindOneAndModifyOptions { Sort = new BsonDocument("n", -1) });
        var after = await collection.FindOneAndUpdateAsync(new BsonDocument("_id", 1), new BsonDocument("$set", new BsonDocument("n", 11)), new FindOneAndModifyOptions { ReturnDocument = ReturnDocument.After });
        var upserted = await collection.FindOneAndUpdateAsync(new BsonDocument("_id", 3), new BsonDocument("$set", new BsonDocument("n", 3)), new FindOneAndModifyOptions { IsUpsert = true, ReturnDocument = ReturnDocument.After });
        var deleted = await collection.FindOneAndDeleteAsync(new BsonDocument("_id", 2));

        Assert.Equal(new BsonDocument { { "_id", 2 }, { "n", 2 } }, before);
        Assert.Equal(new BsonDocument { { "_id", 1 }, { "n", 11 } }, after);
        Assert.Equal(new BsonDocument { { "_id", 3 }, { "n", 3 } }, upserted);
        Assert.Equal(new BsonDocument { { "_id", 2 }, { "n", 10 } }, deleted);
        Assert.Equal(2, await collection.CountAsync());
    }

    [Fact]
    public async Task Reads_of_a_missing_database_create_nothing()
    {
        await using var temp = new TempStore();

        Assert.Equal(0, await temp.Collection().CountAsync());
        Assert.Empty(await temp.Collection().ScanAsync().ToListAsync());
        Assert.Empty(await temp.Store.ListDatabaseNamesAsync());
        Assert.False(Directory.Exists(temp.Folder) && Directory.EnumerateFiles(temp.Folder).Any());
    }

    [Theory]
    [InlineData("../evil")]
    [InlineData("a/b")]
    [InlineData("a.b")]
    [InlineData("")]
    [InlineData("x\\y")]
    public async Task Database_names_are_checked_as_MongoDB_does(string name)
    {
        await using var temp = new TempStore();

        var error = Assert.Throws<MqlException>(() => temp.Store.GetDatabase(name));

        Assert.Equal(ErrorCodes.InvalidNamespace, error.Code);
    }

    [Fact]
    public async Task Duplicate_ObjectId_is_printed_as_MongoDB_prints_it()
    {
        await using var temp = new TempStore();
        var id = ObjectId.Parse("5f1d7f3e9d1b2c3a4b5c6d7e");
        await temp.InsertAsync("c", new BsonDocument("_id", id));

        var error = await Assert.ThrowsAsync<BulkWriteFailedException>(() => temp.InsertAsync("c", new BsonDocument("_id", id)));

        Assert.Equal("E11000 duplicate key error collection: test.c index: _id_ dup key: { _id: ObjectId('5f1d7f3e9d1b2c3a4b5c6d7e') }", Assert.Single(error.WriteErrors).Message);
    }

    [Fact]
    public async Task Malformed_raw_BSON_is_refused_with_InvalidBSON_and_nothing_is_stored()
    {
        await using var temp = new TempStore();
        var bytes = new BsonDocument { { "_id", 1 }, { "a", "text" } }.ToBson();
        bytes[4 + 1 + 4 + 4] = 0x99; // the type byte of field "a": no such BSON type

        var error = await Assert.ThrowsAsync<BulkWriteFailedException>(() => temp.Collection().BulkWriteAsync([new InsertRequest(new RawBsonDocument(bytes))]));

        Assert.Equal(22, Assert.Single(error.WriteErrors).Code);
        Assert.Equal("InvalidBSON", error.WriteErrors[0].CodeName);
        Assert.Equal(0, await temp.Collection().CountAsync());
    }
}

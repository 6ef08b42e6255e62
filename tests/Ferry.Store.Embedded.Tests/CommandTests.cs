using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Store.Embedded.Tests;

public class CommandTests
{
    [Fact]
    public async Task Ping_hello_and_buildInfo_answer_ok()
    {
        await using var temp = new TempStore();

        var ping = await temp.Db.RunCommandAsync(new BsonDocument("ping", 1));
        var hello = await temp.Db.RunCommandAsync(new BsonDocument("hello", 1));
        var build = await temp.Db.RunCommandAsync(new BsonDocument("buildInfo", 1));

        Assert.Equal(new BsonDocument("ok", 1.0), ping);
        Assert.True(hello["isWritablePrimary"].AsBoolean);
        Assert.Equal(16 * 1024 * 1024, hello["maxBsonObjectSize"].AsInt32);
        Assert.Equal(1.0, build["ok"].AsDouble);
    }

    [Fact]
    public async Task Unknown_command_is_CommandNotFound()
    {
        await using var temp = new TempStore();

        var error = await Assert.ThrowsAsync<MqlException>(() => temp.Db.RunCommandAsync(new BsonDocument("shutdown", 1)));

        Assert.Equal(ErrorCodes.CommandNotFound, error.Code);
        Assert.Equal("no such command: 'shutdown'", error.Message);
    }

    [Fact]
    public async Task Collection_commands_create_index_count_and_list()
    {
        await using var temp = new TempStore();

        await temp.Db.RunCommandAsync(new BsonDocument { { "create", "c" }, { "validator", new BsonDocument("n", new BsonDocument("$type", "int")) } });
        var created = await temp.Db.RunCommandAsync(new BsonDocument { { "createIndexes", "c" }, { "indexes", new BsonArray { new BsonDocument { { "key", new BsonDocument("n", 1) }, { "name", "n_1" } } } } });
        await temp.InsertAsync("c", new BsonDocument { { "_id", 1 }, { "n", 1 } }, new BsonDocument { { "_id", 2 }, { "n", 2 } });
        var count = await temp.Db.RunCommandAsync(new BsonDocument { { "count", "c" }, { "query", new BsonDocument("n", 2) } });
        var distinct = await temp.Db.RunCommandAsync(new BsonDocument { { "distinct", "c" }, { "key", "n" } });
        var collections = await temp.Db.RunCommandAsync(new BsonDocument { { "listCollections", 1 }, { "filter", new BsonDocument("name", "c") } });
        var indexes = await temp.Db.RunCommandAsync(new BsonDocument("listIndexes", "c"));
        var dropped = await temp.Db.RunCommandAsync(new BsonDocument { { "dropIndexes", "c" }, { "index", "n_1" } });
        var collStats = await temp.Db.RunCommandAsync(new BsonDocument("collStats", "c"));
        var dbStats = await temp.Db.RunCommandAsync(new BsonDocument("dbStats", 1));
        await temp.Db.RunCommandAsync(new BsonDocument { { "renameCollection", "test.c" }, { "to", "test.d" } });
        await temp.Db.RunCommandAsync(new BsonDocument("drop", "d"));

        Assert.Equal(1, created["numIndexesBefore"].AsInt32);
        Assert.Equal(2, created["numIndexesAfter"].AsInt32);
        Assert.False(created["createdCollectionAutomatically"].AsBoolean);
        Assert.Equal(1L, count["n"].ToInt64());
        Assert.Equal(new BsonArray { 1, 2 }, distinct["values"]);
        var listed = collections["cursor"]["firstBatch"].AsBsonArray.Single().AsBsonDocument;
        Assert.Equal("c", listed["name"].AsString);
        Assert.Equal(new BsonDocument("n", new BsonDocument("$type", "int")), listed["options"]["validator"]);
        Assert.Equal(["_id_", "n_1"], indexes["cursor"]["firstBatch"].AsBsonArray.Select(i => i["name"].AsString));
        Assert.Equal(2, dropped["nIndexesWas"].AsInt32);
        Assert.Equal(2L, collStats["count"].ToInt64());
        Assert.Equal(1, dbStats["collections"].AsInt32);
        Assert.Empty(await temp.Db.ListCollectionsAsync());
    }

    [Fact]
    public async Task CollMod_on_a_missing_collection_is_NamespaceNotFound()
    {
        await using var temp = new TempStore();
        await temp.InsertAsync("other", new BsonDocument("_id", 1));

        var error = await Assert.ThrowsAsync<MqlException>(() => temp.Db.RunCommandAsync(new BsonDocument { { "collMod", "ghost" }, { "validationLevel", "off" } }));

        Assert.Equal(ErrorCodes.NamespaceNotFound, error.Code);
    }
}

using MongoDB.Bson;
using MongoDB.Driver;

namespace Ferry.Serve.Tests;

/// <summary>The official driver against <c>ferry serve</c> on a real socket: CRUD, cursors, aggregation, indexes, errors.</summary>
public sealed class DriverTests : IAsyncLifetime
{
    private ServedStore _served = null!;

    public async Task InitializeAsync() => _served = await ServedStore.StartAsync();

    public async Task DisposeAsync() => await _served.DisposeAsync();

    [Fact]
    public async Task Crud_round_trips_through_the_driver()
    {
        var people = _served.Database().GetCollection<BsonDocument>("people");
        await people.InsertManyAsync([new BsonDocument { { "_id", 1 }, { "name", "ada" }, { "age", 36 } }, new BsonDocument { { "_id", 2 }, { "name", "alan" }, { "age", 41 } }]);
        var updated = await people.UpdateOneAsync(new BsonDocument("_id", 1), new BsonDocument("$inc", new BsonDocument("age", 1)));
        var replaced = await people.ReplaceOneAsync(new BsonDocument("_id", 3), new BsonDocument("name", "grace"), new ReplaceOptions { IsUpsert = true });
        var deleted = await people.DeleteOneAsync(new BsonDocument("_id", 2));

        Assert.Equal(1, updated.ModifiedCount);
        Assert.Equal(3, replaced.UpsertedId);
        Assert.Equal(1, deleted.DeletedCount);
        var all = await people.Find(FilterDefinition<BsonDocument>.Empty).SortBy(d => d["_id"]).ToListAsync();
        Assert.Equal(["{ \"_id\" : 1, \"name\" : \"ada\", \"age\" : 37 }", "{ \"_id\" : 3, \"name\" : \"grace\" }"], all.Select(d => d.ToJson()));
        Assert.Equal(2, await people.CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty));
        Assert.Equal(2, await people.EstimatedDocumentCountAsync());
    }

    [Fact]
    public async Task Find_with_a_small_batch_size_pages_through_a_server_cursor_with_getMore()
    {
        var numbers = _served.Database().GetCollection<BsonDocument>("numbers");
        await numbers.InsertManyAsync(Enumerable.Range(0, 250).Select(i => new BsonDocument { { "_id", i }, { "even", i % 2 == 0 } }));

        using var cursor = await numbers.FindAsync(new BsonDocument("even", true), new FindOptions<BsonDocument> { BatchSize = 7 });
        var batches = new List<int>();
        var ids = new List<int>();
        while (await cursor.MoveNextAsync())
        {
            batches.Add(cursor.Current.Count());
            ids.AddRange(cursor.Current.Select(d => d["_id"].AsInt32));
        }

        Assert.Equal(Enumerable.Range(0, 125).Select(i => i * 2), ids);
        Assert.Equal(18, batches.Count(b => b > 0));
        Assert.All(batches, b => Assert.True(b <= 7));
        Assert.Equal(0, _served.Server.OpenCursors);
    }

    [Fact]
    public async Task An_abandoned_cursor_is_killed_by_the_driver()
    {
        var numbers = _served.Database().GetCollection<BsonDocument>("numbers");
        await numbers.InsertManyAsync(Enumerable.Range(0, 50).Select(i => new BsonDocument("_id", i)));

        using (var cursor = await numbers.FindAsync(FilterDefinition<BsonDocument>.Empty, new FindOptions<BsonDocument> { BatchSize = 5 }))
        {
            Assert.True(await cursor.MoveNextAsync());
            Assert.Equal(1, _served.Server.OpenCursors);
        }

        await WaitUntilAsync(() => _served.Server.OpenCursors == 0);
        Assert.Equal(0, _served.Server.OpenCursors);
    }

    [Fact]
    public async Task Aggregate_groups_and_sorts_through_a_cursor()
    {
        var orders = _served.Database().GetCollection<BsonDocument>("orders");
        await orders.InsertManyAsync(Enumerable.Range(0, 300).Select(i => new BsonDocument { { "_id", i }, { "customer", "c" + (i % 3) }, { "total", i } }));

        var pipeline = new[]
        {
            new BsonDocument("$group", new BsonDocument { { "_id", "$customer" }, { "sum", new BsonDocument("$sum", "$total") } }),
            new BsonDocument("$sort", new BsonDocument("_id", 1)),
        };
        var result = await (await orders.AggregateAsync<BsonDocument>(pipeline, new AggregateOptions { BatchSize = 1 })).ToListAsync();

        Assert.Equal(["c0:14850", "c1:14950", "c2:15050"], result.Select(d => d["_id"].AsString + ":" + d["sum"].ToInt64()));
    }

    [Fact]
    public async Task Indexes_are_created_listed_and_dropped()
    {
        var users = _served.Database().GetCollection<BsonDocument>("users");
        var name = await users.Indexes.CreateOneAsync(new CreateIndexModel<BsonDocument>(new BsonDocument("email", 1), new CreateIndexOptions { Unique = true }));
        var listed = await (await users.Indexes.ListAsync()).ToListAsync();
        await users.Indexes.DropOneAsync(name);
        var after = await (await users.Indexes.ListAsync()).ToListAsync();

        Assert.Equal("email_1", name);
        Assert.Equal(["_id_", "email_1"], listed.Select(i => i["name"].AsString));
        Assert.True(listed[1]["unique"].AsBoolean);
        Assert.Equal(["_id_"], after.Select(i => i["name"].AsString));
    }

    [Fact]
    public async Task A_duplicate_key_is_a_write_error_with_code_11000()
    {
        var users = _served.Database().GetCollection<BsonDocument>("users");
        await users.Indexes.CreateOneAsync(new CreateIndexModel<BsonDocument>(new BsonDocument("email", 1), new CreateIndexOptions { Unique = true }));
        await users.InsertOneAsync(new BsonDocument { { "_id", 1 }, { "email", "a@x" } });

        var single = await Assert.ThrowsAsync<MongoWriteException>(() => users.InsertOneAsync(new BsonDocument { { "_id", 2 }, { "email", "a@x" } }));
        var bulk = await Assert.ThrowsAsync<MongoBulkWriteException<BsonDocument>>(() => users.InsertManyAsync(
            [new BsonDocument { { "_id", 3 }, { "email", "b@x" } }, new BsonDocument { { "_id", 1 }, { "email", "c@x" } }, new BsonDocument { { "_id", 4 }, { "email", "d@x" } }],
            new InsertManyOptions { IsOrdered = false }));

        Assert.Equal(11000, single.WriteError.Code);
        Assert.StartsWith("E11000", single.WriteError.Message, StringComparison.Ordinal);
        Assert.Equal([1], bulk.WriteErrors.Select(e => e.Index));
        Assert.Equal([11000], bulk.WriteErrors.Select(e => e.Code));
        Assert.Equal(2, bulk.Result.InsertedCount);
        Assert.Equal(3, await users.CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty));
    }

    [Fact]
    public async Task An_unknown_command_is_CommandNotFound_59_and_the_connection_stays_usable()
    {
        var database = _served.Database();

        var error = await Assert.ThrowsAsync<MongoCommandException>(() => database.RunCommandAsync<BsonDocument>(new BsonDocument("frobnicate", 1)));
        var ping = await database.RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1));

        Assert.Equal(59, error.Code);
        Assert.Equal("CommandNotFound", error.CodeName);
        Assert.Equal(1.0, ping["ok"].ToDouble());
    }

    [Fact]
    public async Task Admin_commands_list_rename_and_drop()
    {
        var database = _served.Database("shop");
        await database.CreateCollectionAsync("items");
        await database.GetCollection<BsonDocument>("items").InsertOneAsync(new BsonDocument("_id", 1));
        await database.RenameCollectionAsync("items", "products");
        var collections = await (await database.ListCollectionNamesAsync()).ToListAsync();
        var databases = await (await _served.Client.ListDatabaseNamesAsync()).ToListAsync();
        await _served.Client.DropDatabaseAsync("shop");
        var afterDrop = await (await _served.Client.ListDatabaseNamesAsync()).ToListAsync();

        Assert.Equal(["products"], collections);
        Assert.Contains("shop", databases);
        Assert.DoesNotContain("shop", afterDrop);
    }

    [Fact]
    public async Task FindOneAndUpdate_returns_the_new_document()
    {
        var counters = _served.Database().GetCollection<BsonDocument>("counters");
        await counters.InsertOneAsync(new BsonDocument { { "_id", "orders" }, { "seq", 1 } });

        var after = await counters.FindOneAndUpdateAsync(
            new BsonDocument("_id", "orders"),
            new BsonDocument("$inc", new BsonDocument("seq", 1)),
            new FindOneAndUpdateOptions<BsonDocument> { ReturnDocument = ReturnDocument.After });
        var removed = await counters.FindOneAndDeleteAsync(new BsonDocument("_id", "orders"));

        Assert.Equal(2, after["seq"].AsInt32);
        Assert.Equal(2, removed["seq"].AsInt32);
        Assert.Equal(0, await counters.CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty));
    }

    [Fact]
    public async Task A_validator_set_with_collMod_rejects_documents_with_121()
    {
        var database = _served.Database();
        await database.CreateCollectionAsync("accounts");
        await database.RunCommandAsync<BsonDocument>(new BsonDocument { { "collMod", "accounts" }, { "validator", new BsonDocument("balance", new BsonDocument("$gte", 0)) } });

        var error = await Assert.ThrowsAsync<MongoWriteException>(() => database.GetCollection<BsonDocument>("accounts").InsertOneAsync(new BsonDocument("balance", -1)));

        Assert.Equal(121, error.WriteError.Code);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50);
        }
    }
}

using Ferry.Core.Storage;
using Microsoft.Data.Sqlite;
using MongoDB.Bson;

namespace Ferry.Store.Embedded.Tests;

public class ConcurrencyTests
{
    [Fact]
    public async Task Parallel_writers_and_partitioned_readers_see_every_document_once()
    {
        await using var temp = new TempStore();
        var collection = temp.Collection();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
        {
            for (var batch = 0; batch < 5; batch++)
            {
                var requests = Enumerable.Range(0, 100)
                    .Select(i => (WriteRequest)new InsertRequest(new BsonDocument("_id", (writer * 1000) + (batch * 100) + i)))
                    .ToList();
                await collection.BulkWriteAsync(requests);
            }
        })));

        var ranges = await collection.SplitAsync(4);
        var parts = await Task.WhenAll(ranges.Select(range => Task.Run(() => collection.ScanAsync(new ScanOptions { Partition = range, BatchSize = 64 }).ToListAsync())));

        var ids = parts.SelectMany(p => p).Select(d => d["_id"].AsInt32).ToList();
        Assert.Equal(4000, ids.Count);
        Assert.Equal(Enumerable.Range(0, 8).SelectMany(w => Enumerable.Range(w * 1000, 500)), ids);
    }

    [Fact]
    public async Task Two_stores_on_the_same_folder_share_the_data()
    {
        await using var temp = new TempStore();
        await temp.InsertAsync("c", new BsonDocument("_id", 1));
        await using var second = temp.Open();

        await second.GetDatabase("test").GetCollection("c").BulkWriteAsync([new InsertRequest(new BsonDocument("_id", 2))]);

        Assert.Equal(2, await temp.Collection().CountAsync());
    }

    [Fact]
    public async Task Many_connections_creating_the_same_new_database_at_once_all_succeed()
    {
        await using var temp = new TempStore();
        var stores = Enumerable.Range(0, 8).Select(_ => temp.Open()).ToList();
        try
        {
            await Task.WhenAll(stores.Select((store, i) => Task.Run(async () =>
            {
                await store.GetDatabase("fresh").GetCollection("c").BulkWriteAsync([new InsertRequest(new BsonDocument("_id", i))]);
                _ = await store.GetDatabase("fresh").GetCollection("c").CountAsync();
            })));
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }

        Assert.Equal(8, await temp.Store.GetDatabase("fresh").GetCollection("c").CountAsync());
    }

    [Fact]
    public async Task Opening_a_new_file_that_another_process_is_initialising_waits_and_uses_its_schema()
    {
        await using var temp = new TempStore();
        var template = await SchemaOfANewDatabaseAsync();
        Directory.CreateDirectory(temp.Folder);
        var path = Path.Combine(temp.Folder, "test.ferrydb");

        // "Another process": an empty WAL file whose creator holds the write lock while it creates the schema.
        await using var other = new SqliteConnection($"Data Source={path};Pooling=False");
        other.Open();
        Exec(other, "PRAGMA journal_mode=WAL;");
        using var transaction = other.BeginTransaction(deferred: false);
        var insert = Task.Run(() => temp.InsertAsync("c", new BsonDocument("_id", 1))); // sees an empty file, then waits for the lock
        await Task.Delay(500);
        foreach (var statement in template)
        {
            using var command = other.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = statement;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
        await insert;

        Assert.Equal(1, await temp.Collection().CountAsync());
    }

    private static async Task<List<string>> SchemaOfANewDatabaseAsync()
    {
        await using var template = new TempStore();
        await template.InsertAsync("seed", new BsonDocument("_id", 1));
        await template.Store.DisposeAsync();
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(template.Folder, "test.ferrydb")};Pooling=False");
        connection.Open();
        var statements = new List<string> { "PRAGMA application_id=" + Exec(connection, "PRAGMA application_id;") };
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'docs_%' ORDER BY rowid";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            statements.Add(reader.GetString(0));
        }

        return statements;
    }

    private static object? Exec(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}

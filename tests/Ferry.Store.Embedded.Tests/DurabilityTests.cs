using System.Diagnostics;
using Ferry.Core.Errors;
using Ferry.Core.Storage;
using Microsoft.Data.Sqlite;
using MongoDB.Bson;

namespace Ferry.Store.Embedded.Tests;

public class DurabilityTests
{
    [Fact]
    public async Task Data_and_indexes_survive_closing_and_reopening()
    {
        await using var temp = new TempStore();
        await temp.Collection().CreateIndexesAsync([new BsonDocument { { "key", new BsonDocument("e", 1) }, { "unique", true } }]);
        await temp.InsertAsync("c", new BsonDocument { { "_id", 1 }, { "e", "a" } });

        await temp.ReopenAsync();

        Assert.Equal(1, await temp.Collection().CountAsync());
        Assert.Equal(2, (await temp.Collection().ListIndexesAsync()).Count);
        await Assert.ThrowsAsync<BulkWriteFailedException>(() => temp.InsertAsync("c", new BsonDocument { { "_id", 2 }, { "e", "a" } }));
    }

    [Fact]
    public async Task A_file_that_is_not_SQLite_is_reported_by_name_and_left_unchanged()
    {
        await using var temp = new TempStore();
        Directory.CreateDirectory(temp.Folder);
        var path = Path.Combine(temp.Folder, "test.ferrydb");
        var garbage = "this is not a database, it is a text file that happens to have the extension"u8.ToArray();
        await File.WriteAllBytesAsync(path, garbage);

        var error = await Assert.ThrowsAsync<UserInputException>(() => temp.Collection().CountAsync());
        var writeError = await Assert.ThrowsAsync<UserInputException>(() => temp.InsertAsync("c", new BsonDocument("_id", 1)));

        Assert.Contains(path, error.Message);
        Assert.Contains("not an SQLite database", error.Message);
        Assert.Contains(path, writeError.Message);
        Assert.Equal(garbage, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task A_foreign_SQLite_database_is_refused()
    {
        await using var temp = new TempStore();
        Directory.CreateDirectory(temp.Folder);
        var path = Path.Combine(temp.Folder, "test.ferrydb");
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE other (x INTEGER); INSERT INTO other VALUES (1);";
            command.ExecuteNonQuery();
        }

        var error = await Assert.ThrowsAsync<UserInputException>(() => temp.InsertAsync("c", new BsonDocument("_id", 1)));

        Assert.Contains("not a Ferry embedded database", error.Message);
    }

    [Fact]
    public async Task A_corrupted_page_is_reported_and_the_file_is_not_emptied()
    {
        await using var temp = new TempStore();
        await temp.InsertAsync("c", Enumerable.Range(0, 2000).Select(i => new BsonDocument { { "_id", i }, { "pad", new string('p', 200) } }).ToArray());
        await temp.Store.DisposeAsync();
        var path = Path.Combine(temp.Folder, "test.ferrydb");
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.True(bytes.Length > 16 * 4096);
        Array.Fill(bytes, (byte)0xA5, 4096, bytes.Length - (2 * 4096));
        await File.WriteAllBytesAsync(path, bytes);

        await temp.ReopenAsync();
        var error = await Assert.ThrowsAnyAsync<UserInputException>(async () =>
        {
            await temp.Collection().ScanAsync().ToListAsync();
        });

        Assert.Contains(path, error.Message);
        Assert.Contains("corrupted", error.Message);
        Assert.Equal(bytes.Length, new FileInfo(path).Length);
    }

    [Fact]
    public async Task A_file_left_with_an_uncommitted_transaction_reopens_with_only_committed_batches()
    {
        await using var temp = new TempStore();
        await temp.InsertAsync("c", Enumerable.Range(0, 100).Select(i => new BsonDocument("_id", i)).ToArray());
        await temp.Store.DisposeAsync();
        var path = Path.Combine(temp.Folder, "test.ferrydb");
        var copy = Path.Combine(temp.Folder, "crashed");
        Directory.CreateDirectory(copy);

        // A writer that dies mid-transaction: pages of its uncommitted insert spill into the WAL (tiny cache);
        // the files are copied while it is open, as a killed process leaves them.
        await using (var writer = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            writer.Open();
            using var pragma = writer.CreateCommand();
            pragma.CommandText = "PRAGMA cache_size=2; BEGIN IMMEDIATE;";
            pragma.ExecuteNonQuery();
            using var insert = writer.CreateCommand();
            insert.CommandText = "INSERT INTO docs_1 (k, doc) VALUES (randomblob(16), zeroblob(3000))";
            for (var i = 0; i < 500; i++)
            {
                insert.ExecuteNonQuery();
            }

            foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
            {
                if (File.Exists(path + suffix))
                {
                    File.Copy(path + suffix, Path.Combine(copy, "test.ferrydb" + suffix));
                }
            }
        }

        await using var reopened = new EmbeddedStore(copy, "file:" + copy);
        var collection = reopened.GetDatabase("test").GetCollection("c");

        Assert.Equal(100, await collection.CountAsync());
        Assert.Equal(100, (await collection.ScanAsync().ToListAsync()).Count);
    }

    [Fact]
    public async Task A_writer_killed_mid_batch_loses_no_committed_batch_and_no_batch_is_half_written()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ferry-embedded-tests", Guid.NewGuid().ToString("N"));
        var assembly = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(assembly);
        start.ArgumentList.Add("crash-writer");
        start.ArgumentList.Add(folder);
        using var child = Process.Start(start)!;
        var committed = 0;
        while (committed < 5 && await child.StandardOutput.ReadLineAsync() is { } line)
        {
            committed = int.Parse(line["committed ".Length..], System.Globalization.CultureInfo.InvariantCulture);
        }

        child.Kill(entireProcessTree: true); // SIGKILL on Unix: no cleanup, mid-batch
        await child.WaitForExitAsync();
        Assert.True(committed >= 5, "the child never reported committed batches");

        await using var store = new EmbeddedStore(folder, "file:" + folder);
        var collection = store.GetDatabase("crash").GetCollection("docs");
        var count = await collection.CountAsync();
        var scanned = await collection.ScanAsync().ToListAsync();

        Assert.True(count >= committed * Program.BatchSize, $"{count} documents but {committed} batches were reported committed");
        Assert.Equal(0, count % Program.BatchSize);
        Assert.Equal(count, scanned.Count);
        Assert.Equal(Enumerable.Range(0, (int)count), scanned.Select(d => d["_id"].AsInt32));
        Directory.Delete(folder, recursive: true);
    }
}

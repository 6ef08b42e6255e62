using System.Diagnostics;
using Ferry.Core.Storage;
using Ferry.Demo.Generation;
using Ferry.Store.Embedded;
using Microsoft.Data.Sqlite;
using MongoDB.Bson;

namespace Ferry.Bench;

/// <summary>
/// Issue 3's benchmark: bulk insert and full scan of demo documents through the embedded store, against raw SQLite
/// doing the same work on the same BSON bytes with the same schema and pragmas (the machine's limit for this design).
/// </summary>
public static class StoreBenchmark
{
    public static async Task RunAsync(BenchArgs args)
    {
        // The documents go to a file first (not timed), so every measurement streams them and memory stays flat.
        var rawFolder = BenchOutput.TempFolder("raw");
        var file = Path.Combine(rawFolder, "docs.bson");
        var (count, bytes) = WriteFile(file, DemoDocuments(args.Size));
        BenchOutput.Header("Embedded store: bulk insert and full scan", count);

        // Both sides run once on a few thousand documents first, so neither pays JIT compilation inside its timing.
        await WarmUpAsync(rawFolder, file);
        for (var run = 0; run < args.Runs; run++)
        {
            await MeasureAsync(rawFolder, file, count, bytes);
        }

        Directory.Delete(rawFolder, true);
    }

    private static async Task MeasureAsync(string rawFolder, string file, long count, long bytes)
    {
        foreach (var leftover in new[] { "raw.db", "raw.db-wal", "raw.db-shm" })
        {
            File.Delete(Path.Combine(rawFolder, leftover));
        }

        var rawInsert = RawInsert(Path.Combine(rawFolder, "raw.db"), ReadFile(file));
        var rawInsertRate = BenchOutput.Row("raw SQLite insert (1000/transaction)", count, bytes, rawInsert, null, "raw_insert");
        var (rawScan, rawCount) = RawScan(Path.Combine(rawFolder, "raw.db"));
        var rawScanRate = BenchOutput.Row("raw SQLite scan (key order)", rawCount, bytes, rawScan, null, "raw_scan");

        var folder = BenchOutput.TempFolder("store");
        await using var store = await new EmbeddedStoreProvider().OpenAsync("file:" + folder);
        var collection = store.GetDatabase("bench").GetCollection("docs");
        var insert = await FerryInsertAsync(collection, ReadFile(file));
        BenchOutput.Row("ferry embedded bulk insert (RawBsonDocument, 1000/batch)", count, bytes, insert, rawInsertRate, "insert", "raw_insert");
        var (scan, scanned) = await FerryScanAsync(collection);
        BenchOutput.Row("ferry embedded scan (_id order, raw)", scanned, bytes, scan, rawScanRate, "scan", "raw_scan");
        Directory.Delete(folder, true);
    }

    private static async Task WarmUpAsync(string rawFolder, string file)
    {
        const int WarmUpDocuments = 5000;
        var warmRaw = Path.Combine(rawFolder, "warm-up.db");
        RawInsert(warmRaw, ReadFile(file).Take(WarmUpDocuments));
        RawScan(warmRaw);
        var folder = BenchOutput.TempFolder("warm-up");
        await using (var store = await new EmbeddedStoreProvider().OpenAsync("file:" + folder))
        {
            var collection = store.GetDatabase("bench").GetCollection("docs");
            await FerryInsertAsync(collection, ReadFile(file).Take(WarmUpDocuments));
            await FerryScanAsync(collection);
        }

        Directory.Delete(folder, true);
    }

    private static async Task<TimeSpan> FerryInsertAsync(IDocumentCollection collection, IEnumerable<byte[]> documents)
    {
        var clock = Stopwatch.StartNew();
        foreach (var batch in documents.Chunk(1000))
        {
            await collection.BulkWriteAsync(batch.Select(b => (WriteRequest)new InsertRequest(new RawBsonDocument(b))).ToList());
        }

        return clock.Elapsed;
    }

    private static async Task<(TimeSpan Elapsed, long Count)> FerryScanAsync(IDocumentCollection collection)
    {
        var clock = Stopwatch.StartNew();
        long scanned = 0;
        await foreach (var raw in collection.ScanAsync(new ScanOptions { BatchSize = 1000 }))
        {
            scanned++;
            raw.Dispose();
        }

        return (clock.Elapsed, scanned);
    }

    private static (long Count, long Bytes) WriteFile(string path, IEnumerable<BsonDocument> documents)
    {
        using var output = File.Create(path);
        long count = 0;
        long bytes = 0;
        foreach (var d in documents)
        {
            var b = d.ToBson();
            output.Write(b);
            count++;
            bytes += b.Length;
        }

        return (count, bytes);
    }

    private static IEnumerable<byte[]> ReadFile(string path)
    {
        using var input = new BufferedStream(File.OpenRead(path), 1 << 20);
        var length = new byte[4];
        while (input.Read(length, 0, 4) == 4)
        {
            var doc = new byte[BitConverter.ToInt32(length)];
            length.CopyTo(doc, 0);
            input.ReadExactly(doc, 4, doc.Length - 4);
            yield return doc;
        }
    }

    /// <summary>A realistic mix: the Infra Mind collections interleaved, generated once up front (not timed).</summary>
    public static IEnumerable<BsonDocument> DemoDocuments(long documents)
    {
        var users = Math.Max(1, documents / 11);
        var generator = new InfraMindGenerator(new GeneratorOptions { Size = users });
        return generator.Users().Concat(generator.Assessments()).Concat(generator.Reports()).Concat(generator.WorkflowStates()).Concat(generator.AgentMetrics()).Take((int)documents);
    }

    private static TimeSpan RawInsert(string path, IEnumerable<byte[]> documents)
    {
        using var connection = Open(path);
        Execute(connection, "CREATE TABLE docs (k BLOB NOT NULL PRIMARY KEY, doc BLOB NOT NULL) WITHOUT ROWID;");
        var clock = Stopwatch.StartNew();
        foreach (var batch in documents.Chunk(1000))
        {
            using var transaction = connection.BeginTransaction();
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO docs (k, doc) VALUES ($k, $doc)";
            var k = insert.Parameters.Add("$k", SqliteType.Blob);
            var doc = insert.Parameters.Add("$doc", SqliteType.Blob);
            foreach (var d in batch)
            {
                k.Value = d.AsSpan(9, 12).ToArray(); // the ObjectId bytes of the leading _id: the same key size Ferry writes
                doc.Value = d;
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        return clock.Elapsed;
    }

    private static (TimeSpan, long) RawScan(string path)
    {
        using var connection = Open(path);
        var clock = Stopwatch.StartNew();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT doc FROM docs ORDER BY k";
        using var reader = select.ExecuteReader();
        long n = 0;
        while (reader.Read())
        {
            _ = (byte[])reader[0];
            n++;
        }

        return (clock.Elapsed, n);
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

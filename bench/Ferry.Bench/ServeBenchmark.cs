using System.Diagnostics;
using Ferry.Core.Storage;
using Ferry.Serve;
using Ferry.Store.Embedded;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Ferry.Bench;

/// <summary>
/// Issue 20's benchmark: insert and find throughput through the official driver against <c>ferry serve</c> (loopback
/// socket, wire protocol), as a ratio to the embedded store called in-process on the same documents — the protocol's
/// overhead — and the process's peak memory while 50 connections read and write at once.
/// </summary>
public static class ServeBenchmark
{
    private const int Batch = 1000;

    public static async Task RunAsync(BenchArgs args)
    {
        var count = (int)args.Size;
        var documents = Enumerable.Range(0, count).Select(Document).ToList();
        var bytes = documents.Sum(d => (long)d.ToBson().Length);
        BenchOutput.Header("ferry serve: driver over the wire vs the embedded store in-process", count);

        await WarmUpAsync(documents.Take(2000).ToList());
        var folder = BenchOutput.TempFolder("serve-inproc");
        await using (var store = await new EmbeddedStoreProvider().OpenAsync("file:" + folder))
        {
            var collection = store.GetDatabase("bench").GetCollection("docs");
            var insert = await TimeAsync(async () =>
            {
                foreach (var chunk in documents.Chunk(Batch))
                {
                    await collection.BulkWriteAsync(chunk.Select(d => (WriteRequest)new InsertRequest(d)).ToList());
                }
            });
            var insertRate = BenchOutput.Row("embedded in-process insert (1000/batch)", count, bytes, insert, null);
            var read = 0;
            var find = await TimeAsync(async () =>
            {
                await foreach (var _ in collection.FindAsync(null))
                {
                    read++;
                }
            });
            var findRate = BenchOutput.Row("embedded in-process find (all)", read, bytes, find, null);

            var servedFolder = BenchOutput.TempFolder("serve-wire");
            await using var servedStore = await new EmbeddedStoreProvider().OpenAsync("file:" + servedFolder);
            await using var server = new WireServer(servedStore, new WireServerOptions { Port = 0 });
            server.Start();
            using var client = new MongoClient(server.ConnectionString);
            var docs = client.GetDatabase("bench").GetCollection<BsonDocument>("docs");
            var wireInsert = await TimeAsync(async () =>
            {
                foreach (var chunk in documents.Chunk(Batch))
                {
                    await docs.InsertManyAsync(chunk);
                }
            });
            BenchOutput.Row("driver via ferry serve insert (1000/batch)", count, bytes, wireInsert, insertRate);
            var wireRead = 0;
            var wireFind = await TimeAsync(async () =>
            {
                using var cursor = await docs.FindAsync(FilterDefinition<BsonDocument>.Empty);
                while (await cursor.MoveNextAsync())
                {
                    wireRead += cursor.Current.Count();
                }
            });
            BenchOutput.Row("driver via ferry serve find (all, getMore batches)", wireRead, bytes, wireFind, findRate);

            var before = PeakResidentBytes();
            var concurrent = await TimeAsync(() => FiftyConnectionsAsync(server.ConnectionString));
            Console.WriteLine($"50 connections x 200 requests (insert 10 + find by _id range): {concurrent.TotalSeconds:0.00} s; "
                + $"process peak resident memory {before / 1048576.0:0} MiB before, {PeakResidentBytes() / 1048576.0:0} MiB after (server and clients in one process)");
            await server.StopAsync();
        }
    }

    /// <summary>Both paths once on a few documents, so neither pays JIT compilation inside its timing.</summary>
    private static async Task WarmUpAsync(List<BsonDocument> documents)
    {
        var folder = BenchOutput.TempFolder("serve-warmup");
        await using var store = await new EmbeddedStoreProvider().OpenAsync("file:" + folder);
        await store.GetDatabase("warm").GetCollection("direct").BulkWriteAsync(documents.Select(d => (WriteRequest)new InsertRequest(d)).ToList());
        await foreach (var _ in store.GetDatabase("warm").GetCollection("direct").FindAsync(null))
        {
        }

        await using var server = new WireServer(store, new WireServerOptions { Port = 0 });
        server.Start();
        using var client = new MongoClient(server.ConnectionString);
        var wire = client.GetDatabase("warm").GetCollection<BsonDocument>("wire");
        await wire.InsertManyAsync(documents);
        _ = await wire.Find(FilterDefinition<BsonDocument>.Empty).ToListAsync();
        await server.StopAsync();
    }

    private static async Task FiftyConnectionsAsync(string uri)
    {
        // A distinct appName per client: the driver shares one connection pool between clients of equal settings.
        var clients = Enumerable.Range(0, 50).Select(c => new MongoClient(uri + "&maxPoolSize=1&appName=bench" + c)).ToList();
        try
        {
            await Task.WhenAll(clients.Select((client, c) => Task.Run(async () =>
            {
                var docs = client.GetDatabase("bench").GetCollection<BsonDocument>("concurrent");
                for (var i = 0; i < 100; i++)
                {
                    var first = (c * 100 + i) * 10;
                    await docs.InsertManyAsync(Enumerable.Range(first, 10).Select(Document));
                    var found = await docs.Find(new BsonDocument("_id", new BsonDocument { { "$gte", first }, { "$lt", first + 10 } })).ToListAsync();
                    if (found.Count != 10)
                    {
                        throw new InvalidOperationException($"connection {c}: read {found.Count} of 10 documents just written");
                    }
                }
            })));
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    private static BsonDocument Document(int i) => new()
    {
        { "_id", i },
        { "name", "user " + i },
        { "email", $"user{i}@example.com" },
        { "score", i * 0.5 },
        { "tags", new BsonArray { "a", "b", i % 7 } },
        { "profile", new BsonDocument { { "city", "city " + (i % 100) }, { "since", new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i) } } },
    };

    private static async Task<TimeSpan> TimeAsync(Func<Task> action)
    {
        var clock = Stopwatch.StartNew();
        await action();
        return clock.Elapsed;
    }

    /// <summary>VmHWM from /proc (Linux): the process's peak resident set.</summary>
    private static long PeakResidentBytes()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }
}

using System.Diagnostics;
using Ferry.Core.Backup;
using Ferry.Core.Storage;
using Ferry.Store.Embedded;
using MongoDB.Bson;

namespace Ferry.Bench.Backup;

/// <summary>
/// Backup and restore throughput on N demo documents in the embedded store, each as a ratio to the store's raw scan
/// (backup) or raw bulk insert (restore) of the same bytes measured in the same run, with gzip off and on, plus the
/// peak managed heap (constant memory means it does not grow with N). Targets (issue 5): backup ≥ 80 % of raw scan,
/// restore ≥ 70 % of raw insert. Run: <c>dotnet run -c Release --project bench/Ferry.Bench -- backup --size 1000000</c>.
/// </summary>
public static class BackupThroughputBench
{
    public static async Task RunAsync(BenchArgs args)
    {
        var count = (int)args.Size;
        var work = Path.Combine(Path.GetTempPath(), "ferry-bench-backup", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            var service = new BackupService();
            await using var source = new EmbeddedStore(Path.Combine(work, "source"), "file:source");
            var collection = source.GetDatabase("demo").GetCollection("users");
            var (insertSeconds, bytes) = await RawInsertAsync(collection, count);
            var scanSeconds = Math.Min(await RawScanAsync(collection), await RawScanAsync(collection));
            Report("raw insert", count, bytes, insertSeconds, null);
            Report("raw scan", count, bytes, scanSeconds, null);

            // Best of two runs per phase: the first pays JIT and cache warm-up on a shared machine.
            foreach (var gzip in new[] { false, true })
            {
                var backupSeconds = double.MaxValue;
                var restoreSeconds = double.MaxValue;
                long backupPeak = 0, restorePeak = 0;
                for (var run = 0; run < 2; run++)
                {
                    var tag = $"{(gzip ? "gz" : "plain")}-{run}";
                    using (var memory = new PeakMemory())
                    {
                        var watch = Stopwatch.StartNew();
                        await service.CreateAsync(source, new BackupOptions { Tag = tag, OutputRoot = Path.Combine(work, "backups"), Gzip = gzip });
                        backupSeconds = Math.Min(backupSeconds, watch.Elapsed.TotalSeconds);
                        backupPeak = Math.Max(backupPeak, memory.PeakBytes);
                    }

                    await using var target = new EmbeddedStore(Path.Combine(work, "target-" + tag), "file:target");
                    using (var memory = new PeakMemory())
                    {
                        var watch = Stopwatch.StartNew();
                        var result = await service.RestoreAsync(target, new RestoreOptions { Tag = tag, BackupRoot = Path.Combine(work, "backups") });
                        restoreSeconds = Math.Min(restoreSeconds, watch.Elapsed.TotalSeconds);
                        restorePeak = Math.Max(restorePeak, memory.PeakBytes);
                        if (!result.Ok)
                        {
                            throw new InvalidOperationException("restore reported problems: " + string.Join("; ", result.Namespaces.SelectMany(n => n.Problems)));
                        }
                    }
                }

                Report($"backup{(gzip ? " gzip" : string.Empty)}", count, bytes, backupSeconds, scanSeconds, backupPeak);
                Report($"restore{(gzip ? " gzip" : string.Empty)}", count, bytes, restoreSeconds, insertSeconds, restorePeak);
            }

        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<(double Seconds, long Bytes)> RawInsertAsync(IDocumentCollection collection, int count)
    {
        long bytes = 0;
        var elapsed = TimeSpan.Zero;
        for (var start = 0; start < count; start += 1000)
        {
            var batch = Enumerable.Range(start, Math.Min(1000, count - start)).Select(DemoDocuments.Create).ToList();
            bytes += batch.Sum(b => (long)b.Length);
            var requests = batch.Select(b => (WriteRequest)new InsertRequest(new RawBsonDocument(b))).ToList();
            var watch = Stopwatch.StartNew();
            await collection.BulkWriteAsync(requests, new BulkWriteOptions { BypassDocumentValidation = true });
            elapsed += watch.Elapsed;
        }

        return (elapsed.TotalSeconds, bytes);
    }

    private static async Task<double> RawScanAsync(IDocumentCollection collection)
    {
        var watch = Stopwatch.StartNew();
        long total = 0;
        await foreach (var document in collection.ScanAsync())
        {
            total += document.Slice.Length;
            document.Dispose();
        }

        GC.KeepAlive(total);
        return watch.Elapsed.TotalSeconds;
    }

    private static void Report(string what, int documents, long bytes, double seconds, double? baselineSeconds, long? peakBytes = null)
    {
        var ratio = baselineSeconds is { } baseline ? $"{baseline / seconds:P0} of raw" : string.Empty;
        var memory = peakBytes is { } peak ? $"peak heap {peak / (1024.0 * 1024):F0} MiB" : string.Empty;
        Console.WriteLine($"{what,-14} {documents / seconds,12:N0} docs/s {bytes / seconds / (1024 * 1024),8:F1} MB/s {seconds,8:F2} s  {ratio,-14} {memory}");
    }

    /// <summary>Samples the managed heap every 50 ms while a phase runs.</summary>
    private sealed class PeakMemory : IDisposable
    {
        private readonly Timer _timer;
        private long _peak;

        public PeakMemory()
        {
            GC.Collect();
            _timer = new Timer(_ => Sample(), null, 0, 50);
        }

        public long PeakBytes => Interlocked.Read(ref _peak);

        public void Dispose() => _timer.Dispose();

        private void Sample()
        {
            var now = GC.GetTotalMemory(false);
            long seen;
            while (now > (seen = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, seen) != seen)
            {
            }
        }
    }
}

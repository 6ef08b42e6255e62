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
            BenchOutput.Header("Backup and restore (demo-like users)", count);
            await using var source = new EmbeddedStore(Path.Combine(work, "source"), "file:source");
            var collection = source.GetDatabase("demo").GetCollection("users");
            var (insertSeconds, bytes) = await RawInsertAsync(collection, count);
            BenchOutput.Row("raw insert (the store's bulk insert of the same bytes)", count, bytes, TimeSpan.FromSeconds(insertSeconds), null, "raw_insert");

            // One untimed warm-up round pays JIT compilation; then every round is recorded (bench all takes the median).
            for (var run = -1; run < args.Runs; run++)
            {
                var scanSeconds = await RawScanAsync(collection);
                if (run >= 0)
                {
                    BenchOutput.Row("raw scan (the store's scan of the same bytes)", count, bytes, TimeSpan.FromSeconds(scanSeconds), null, "raw_scan");
                }

                foreach (var gzip in new[] { false, true })
                {
                    var tag = $"{(gzip ? "gz" : "plain")}-{run + 1}";
                    double backupSeconds, restoreSeconds;
                    long backupPeak, restorePeak;
                    using (var memory = new PeakHeap())
                    {
                        var watch = Stopwatch.StartNew();
                        await service.CreateAsync(source, new BackupOptions { Tag = tag, OutputRoot = Path.Combine(work, "backups"), Gzip = gzip });
                        backupSeconds = watch.Elapsed.TotalSeconds;
                        backupPeak = memory.PeakBytes;
                    }

                    await using (var target = new EmbeddedStore(Path.Combine(work, "target-" + tag), "file:target"))
                    using (var memory = new PeakHeap())
                    {
                        var watch = Stopwatch.StartNew();
                        var result = await service.RestoreAsync(target, new RestoreOptions { Tag = tag, BackupRoot = Path.Combine(work, "backups") });
                        restoreSeconds = watch.Elapsed.TotalSeconds;
                        restorePeak = memory.PeakBytes;
                        if (!result.Ok)
                        {
                            throw new InvalidOperationException("restore reported problems: " + string.Join("; ", result.Namespaces.SelectMany(n => n.Problems)));
                        }
                    }

                    Directory.Delete(Path.Combine(work, "target-" + tag), recursive: true);
                    if (run < 0)
                    {
                        continue;
                    }

                    var suffix = gzip ? "_gzip" : string.Empty;
                    BenchOutput.Row($"backup{(gzip ? ", gzip" : string.Empty)}", count, bytes, TimeSpan.FromSeconds(backupSeconds), count / scanSeconds, "backup" + suffix, "raw_scan");
                    BenchOutput.Value($"backup{suffix}_peak_heap_mb", $"backup{(gzip ? ", gzip" : string.Empty)}: peak managed heap", backupPeak / 1048576.0, "MB");
                    BenchOutput.Row($"restore{(gzip ? ", gzip" : string.Empty)}", count, bytes, TimeSpan.FromSeconds(restoreSeconds), count / insertSeconds, "restore" + suffix, "raw_insert");
                    BenchOutput.Value($"restore{suffix}_peak_heap_mb", $"restore{(gzip ? ", gzip" : string.Empty)}: peak managed heap", restorePeak / 1048576.0, "MB");
                }
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

}

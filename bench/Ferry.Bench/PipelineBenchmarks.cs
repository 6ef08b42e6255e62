using System.Diagnostics;
using Ferry.Core.Doctor;
using Ferry.Core.Storage;
using Ferry.Core.Transform;
using Ferry.Core.Transform.Rules;
using Ferry.Core.Validation;
using Ferry.Core.Validation.Rules;
using Ferry.Demo.Workflow;
using Ferry.Store.Embedded;
using MongoDB.Bson;

namespace Ferry.Bench;

/// <summary>
/// Issues 7 and 8: validation with the guide's full rule set, and the demo → production transform with and without
/// password hashing, on the seeded demo data; the transform against the store's raw insert limit (the same store's
/// bulk insert of the same number of documents) and against the guide's own algorithm (skip/limit pages, insert per
/// batch) run on the same store.
/// </summary>
public static class PipelineBenchmarks
{
    public static async Task ValidateAsync(BenchArgs args)
    {
        var (store, db, documents, bytes) = await SeedAsync(args.Size);
        await using var _ = store;
        BenchOutput.Header("Validation (samples/inframind/validation.yaml) and doctor integrity (find)", documents);
        var rules = RuleSetParser.Parse(SampleRules.Read(SampleRules.Validation), "validation.yaml");
        var keys = await FingerprintedKeysAsync(db, rules);
        for (var run = -1; run < args.Runs; run++)
        {
            // The limit: the store's scan of the same documents (raw, no parsing), in the same run.
            var clock = Stopwatch.StartNew();
            long scanned = 0;
            foreach (var c in rules.Collections.Select(c => c.Name).Distinct())
            {
                await foreach (var raw in db.GetCollection(c).ScanAsync())
                {
                    scanned++;
                    raw.Dispose();
                }
            }

            var scan = clock.Elapsed;
            using var heap = new PeakHeap();
            clock.Restart();
            var report = await new DataValidator().ValidateAsync(db, rules);
            var validate = clock.Elapsed;
            var peak = heap.PeakBytes - heap.Baseline;
            clock.Restart();
            var integrity = await new IntegrityDoctor(new DoctorOptions()).RunAsync(db, rules);
            var doctor = clock.Elapsed;
            if (run < 0)
            {
                continue; // warm-up: JIT compilation
            }

            var scanRate = BenchOutput.Row("the limit: the store's raw scan of the validated collections", scanned, bytes, scan, null, "raw_scan");
            BenchOutput.Row($"validate ({report.FailedRules} rules failing as planted, {report.Invalid:N0} invalid)", report.Checked, bytes, validate, scanRate, "validate", "raw_scan");
            BenchOutput.Row($"doctor integrity, find only ({integrity.FindingCount:N0} findings)", scanned, bytes, doctor, scanRate, "doctor_find", "raw_scan");
            BenchOutput.Value("validate_bytes_per_key", $"validate: peak managed heap growth per fingerprinted key ({keys:N0} keys)", (double)peak / Math.Max(1, keys), "bytes/key");
        }
    }

    /// <summary>The keys validation holds as fingerprints: every referenced collection's ids and every unique key.</summary>
    private static async Task<long> FingerprintedKeysAsync(IDocumentDatabase db, RuleSet rules)
    {
        long keys = 0;
        foreach (var target in rules.Collections.SelectMany(c => c.References).Select(r => r.TargetCollection).Distinct())
        {
            keys += await db.GetCollection(target).CountAsync();
        }

        foreach (var c in rules.Collections.Where(c => c.Unique.Count > 0))
        {
            keys += c.Unique.Count * await db.GetCollection(c.Name).CountAsync();
        }

        return keys;
    }

    public static async Task TransformAsync(BenchArgs args)
    {
        var (store, db, documents, bytes) = await SeedAsync(args.Size);
        await using var _ = store;
        BenchOutput.Header("Transform demo → production (samples/inframind/demo-to-prod.yaml)", documents);
        var rules = TransformRulesParser.Parse(SampleRules.Read(SampleRules.DemoToProduction), "demo-to-prod.yaml");
        var noHashing = rules with { Collections = rules.Collections.Select(c => c with { Fields = c.Fields.Select(f => f with { Apply = f.Apply.Where(a => a != ValueFunction.HashPassword).ToList() }).ToList(), Validate = c.Validate.Where(v => v.Field != "password_hash").ToList() }).ToList() };

        for (var run = -1; run < args.Runs; run++)
        {
            var limit = await InsertLimitAsync(db, run >= 0);
            var targetName = $"prod_nohash_{run + 1}";
            using var heap = new PeakHeap();
            var clock = Stopwatch.StartNew();
            var result = await new TransformEngine(new TransformOptions()).RunAsync(db, store.GetDatabase(targetName), noHashing);
            var elapsed = clock.Elapsed;
            var peak = heap.PeakBytes;
            await store.DropDatabaseAsync(targetName);
            if (run < 0)
            {
                continue; // warm-up: JIT compilation
            }

            BenchOutput.Row("ferry transform, no password hashing", result.Collections.Sum(c => c.Processed), bytes, elapsed, limit, "transform", "limit");
            BenchOutput.Value("transform_peak_heap_mb", "ferry transform: peak managed heap", peak / 1048576.0, "MB");

            // The guide's skip/limit paging is quadratic: above 200k documents it runs once (run 0) to keep the harness short.
            if (run == 0 || args.Size <= 200_000)
            {
                clock.Restart();
                var guide = await GuideAlgorithmAsync(db, store.GetDatabase("guide"));
                var guideElapsed = clock.Elapsed;
                await store.DropDatabaseAsync("guide");
                BenchOutput.Row("the guide's algorithm (skip/limit pages of 1000, insert_many per page, no hashing)", guide, bytes, guideElapsed, limit, "guide", "limit");
                BenchOutput.Value("transform_vs_guide", "ferry transform ÷ the guide's algorithm (documents/s)", guideElapsed.TotalSeconds / elapsed.TotalSeconds, "×");
            }
        }
    }

    /// <summary>The store's own bulk-insert rate for these documents: the ceiling any transform writing them can reach.</summary>
    private static async Task<double> InsertLimitAsync(IDocumentDatabase db, bool record)
    {
        var target = db.Store.GetDatabase("limit").GetCollection("docs");
        var clock = Stopwatch.StartNew();
        long n = 0;
        var batch = new List<WriteRequest>(1000);
        foreach (var name in new[] { "users", "assessments", "reports", "workflow_states", "agent_metrics" })
        {
            await foreach (var raw in db.GetCollection(name).ScanAsync())
            {
                batch.Add(new InsertRequest(raw));
                if (batch.Count == 1000)
                {
                    await target.BulkWriteAsync(batch);
                    n += batch.Count;
                    batch = new List<WriteRequest>(1000);
                }
            }
        }

        await target.BulkWriteAsync(batch);
        n += batch.Count;
        var elapsed = clock.Elapsed;
        await db.Store.DropDatabaseAsync("limit");
        return record ? BenchOutput.Row("the limit: scan + bulk insert of the same documents, unchanged", n, 0, elapsed, null, "limit") : n / elapsed.TotalSeconds;
    }

    /// <summary>The guide's migrate_data_in_batches: count, then find().skip(s).limit(1000) pages, transform, insert_many.</summary>
    private static async Task<long> GuideAlgorithmAsync(IDocumentDatabase source, IDocumentDatabase target)
    {
        long written = 0;
        foreach (var name in new[] { "users", "assessments", "reports", "workflow_states", "agent_metrics" })
        {
            var collection = source.GetCollection(name);
            var total = await collection.CountAsync();
            for (long skip = 0; skip < total; skip += 1000)
            {
                var page = new List<WriteRequest>();
                await foreach (var doc in collection.FindAsync(new BsonDocument(), new FindOptions { Skip = skip, Limit = 1000 }))
                {
                    doc.Remove("_id");
                    doc["updated_at"] = DateTime.UtcNow;
                    page.Add(new InsertRequest(doc));
                }

                if (page.Count > 0)
                {
                    await target.GetCollection(name + "_new").BulkWriteAsync(page);
                    written += page.Count;
                }
            }
        }

        return written;
    }

    public static async Task<(IDocumentStore Store, IDocumentDatabase Db, long Documents, long Bytes)> SeedAsync(long documents)
    {
        var users = Math.Max(1, documents / 11);
        var folder = BenchOutput.TempFolder("pipeline");
        var registry = new StoreRegistry([new EmbeddedStoreProvider()]);
        var demo = new DemoWorkflow(registry, DemoWorkflow.SeedSteps);
        var result = await demo.RunAsync(new DemoOptions { Directory = folder, Size = users });
        var store = await registry.OpenAsync(result.StoreUri);
        var db = store.GetDatabase(result.Database);
        long bytes = 0;
        foreach (var c in result.StoreCounts.Keys)
        {
            bytes += (await db.GetCollection(c).GetStatsAsync()).DataSize;
        }

        return (store, db, result.Summary.TotalDocuments, bytes);
    }
}

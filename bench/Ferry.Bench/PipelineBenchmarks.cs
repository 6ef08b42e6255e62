using System.Diagnostics;
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
        BenchOutput.Header("Validation (samples/inframind/validation.yaml)", documents);
        var rules = RuleSetParser.Parse(SampleRules.Read(SampleRules.Validation), "validation.yaml");
        var clock = Stopwatch.StartNew();
        var report = await new DataValidator().ValidateAsync(db, rules);
        BenchOutput.Row($"validate ({report.FailedRules} rules failing as planted, {report.Invalid:N0} invalid)", report.Checked, bytes, clock.Elapsed, null);
    }

    public static async Task TransformAsync(BenchArgs args)
    {
        var (store, db, documents, bytes) = await SeedAsync(args.Size);
        await using var _ = store;
        BenchOutput.Header("Transform demo → production (samples/inframind/demo-to-prod.yaml)", documents);

        var limit = await InsertLimitAsync(db, documents);
        var rules = TransformRulesParser.Parse(SampleRules.Read(SampleRules.DemoToProduction), "demo-to-prod.yaml");
        var noHashing = rules with { Collections = rules.Collections.Select(c => c with { Fields = c.Fields.Select(f => f with { Apply = f.Apply.Where(a => a != ValueFunction.HashPassword).ToList() }).ToList(), Validate = c.Validate.Where(v => v.Field != "password_hash").ToList() }).ToList() };
        var cheapHashing = rules with { Hashing = rules.Hashing with { Cost = 4 } };

        var clock = Stopwatch.StartNew();
        var result = await new TransformEngine(new TransformOptions()).RunAsync(db, store.GetDatabase("prod_nohash"), noHashing);
        BenchOutput.Row("ferry transform, no password hashing", result.Collections.Sum(c => c.Processed), bytes, clock.Elapsed, limit);

        clock.Restart();
        result = await new TransformEngine(new TransformOptions()).RunAsync(db, store.GetDatabase("prod_bcrypt4"), cheapHashing);
        BenchOutput.Row("ferry transform, bcrypt cost 4 on every user", result.Collections.Sum(c => c.Processed), bytes, clock.Elapsed, limit);

        clock.Restart();
        var guide = await GuideAlgorithmAsync(db, store.GetDatabase("guide"));
        BenchOutput.Row("the guide's algorithm (skip/limit pages of 1000, insert_many per page, no hashing)", guide, bytes, clock.Elapsed, limit);
    }

    /// <summary>The store's own bulk-insert rate for these documents: the ceiling any transform writing them can reach.</summary>
    private static async Task<double> InsertLimitAsync(IDocumentDatabase db, long documents)
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
        return BenchOutput.Row("the limit: scan + bulk insert of the same documents, unchanged", n, 0, clock.Elapsed, null);
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

    private static async Task<(IDocumentStore Store, IDocumentDatabase Db, long Documents, long Bytes)> SeedAsync(long documents)
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

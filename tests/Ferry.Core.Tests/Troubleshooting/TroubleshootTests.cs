using Ferry.Core.Runs;
using Ferry.Core.Tests.Support;
using Ferry.Core.Troubleshooting;
using Ferry.Core.Validation.Rules;
using MongoDB.Bson;

namespace Ferry.Core.Tests.Troubleshooting;

public class TroubleshootTests
{
    [Fact]
    public async Task Memory_names_the_largest_documents_and_flags_one_near_the_bson_limit()
    {
        await using var temp = new ClockedStore();
        await temp.InsertAsync("small", Enumerable.Range(0, 30).Select(i => new BsonDocument { { "_id", i }, { "pad", new string('s', i) } }));
        await temp.InsertAsync("big", [new BsonDocument { { "_id", "huge" }, { "pad", new string('x', 9 * 1024 * 1024) } }, new BsonDocument { { "_id", "mid" }, { "pad", new string('x', 5000) } }]);

        var report = await new MemoryTroubleshooter(temp.Db).RunAsync();

        var largest = report.Facts["largest_documents"].AsBsonArray.Select(d => d["_id"].ToString()).ToList();
        Assert.Equal(["huge", "mid", "29", "28", "27"], largest);
        Assert.True(report.Facts["largest_documents_complete"].AsBoolean);
        // Only the document finding is this test's: a busy machine can add a memory-pressure finding of its own.
        var finding = Assert.Single(report.Findings, f => f.Kind == "large_document");
        Assert.StartsWith("big _id huge is 9.0 MiB", finding.Message);
        var hugeBytes = report.Facts["largest_documents"][0]["bytes"].ToInt64();
        var expected = (int)Math.Clamp(report.Facts["machine_available_bytes"].ToInt64() * MemoryTroubleshooter.BatchMemoryShare / report.Facts["cores"].ToInt32() / hugeBytes, 10, 10_000);
        Assert.StartsWith($"--batch-size {expected}: ", report.Recommendations[0]); // sized by the 9 MiB document, not the average
    }

    [Fact]
    public async Task Memory_stops_at_the_scan_limit_and_says_so()
    {
        await using var temp = new ClockedStore();
        await temp.InsertAsync("c", Enumerable.Range(0, 10).Select(i => new BsonDocument { { "_id", i }, { "pad", new string('s', 100 - i) } }));

        var report = await new MemoryTroubleshooter(temp.Db) { ScanLimit = 3 }.RunAsync();

        Assert.Equal(["0", "1", "2"], report.Facts["largest_documents"].AsBsonArray.Select(d => d["_id"].ToString()));
        Assert.False(report.Facts["largest_documents_complete"].AsBoolean);
        Assert.Contains(report.Recommendations, r => r.StartsWith("largest documents: only the first 3 documents", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Performance_finds_prefix_duplicates_unused_indexes_and_scanning_probes_without_counting_the_probes_as_uses()
    {
        await using var temp = new ClockedStore();
        await temp.InsertAsync("orders", Enumerable.Range(0, 10).Select(i => new BsonDocument { { "_id", i }, { "status", "open" }, { "customer", i }, { "at", i } }));
        var orders = temp.Db.GetCollection("orders");
        await orders.CreateIndexesAsync([new BsonDocument("key", new BsonDocument("customer", 1)), new BsonDocument("key", new BsonDocument { { "customer", 1 }, { "at", -1 } }), new BsonDocument("key", new BsonDocument("status", 1))]);
        await orders.FindAsync(new BsonDocument("status", "open")).ToListAsync();
        await orders.FindAsync(new BsonDocument("customer", 3)).ToListAsync();
        var usageBefore = (await orders.GetIndexUsageAsync()).Select(u => (u.Name, u.Operations)).ToList();

        var report = await new PerformanceTroubleshooter(temp.Store, "app", temp.Clock)
        {
            Probes = [new ProbeQuery("by status", "orders", new BsonDocument("status", "paid")), new ProbeQuery("by amount", "orders", new BsonDocument("amount", 5))],
        }.RunAsync();

        Assert.Equal(
            ["unused_index: orders.customer_1_at_-1 { \"customer\" : 1, \"at\" : -1 }: no recorded use since 2026-05-01",
             "duplicate_prefix_index: orders.customer_1 { \"customer\" : 1 } is a prefix of customer_1_at_-1 { \"customer\" : 1, \"at\" : -1 }, which serves the same queries",
             "collection_scan: by amount: orders { \"amount\" : 5 } is answered by a collection scan"],
            report.Findings.Select(f => $"{f.Kind}: {f.Message}"));
        Assert.Equal("ferry indexes drop customer_1 --collection orders --confirm", report.Findings[1].Fix);
        Assert.Equal([false, true], report.Facts["probes"].AsBsonArray.Select(p => p["collection_scan"].AsBoolean));
        Assert.Equal(usageBefore, (await orders.GetIndexUsageAsync()).Select(u => (u.Name, u.Operations)).ToList());
    }

    [Fact]
    public async Task Performance_on_the_embedded_store_reports_ferry_runs_running_longer_than_the_threshold()
    {
        await using var temp = new ClockedStore();
        var journal = new RunJournal(temp.Db, temp.Clock);
        await journal.StartAsync("long-run", "transform", new BsonDocument());
        temp.Clock.Now = temp.Clock.Now.AddMinutes(5);
        await journal.StartAsync("fresh-run", "transform", new BsonDocument());
        temp.Clock.Now = temp.Clock.Now.AddSeconds(30);

        var report = await new PerformanceTroubleshooter(temp.Store, "app", temp.Clock) { LongOperation = TimeSpan.FromMinutes(1) }.RunAsync();

        var finding = Assert.Single(report.Findings);
        Assert.Equal("Ferry run long-run (transform) running for 330 s", finding.Message);
        Assert.Equal("ferry runs show long-run (stop it: ferry runs stop long-run)", finding.Fix);
        Assert.Equal("ferry runs journal (the store has no currentOp)", report.Facts["long_operations_source"].AsString);
    }

    [Fact]
    public async Task Integrity_groups_the_doctors_findings_with_their_fix_commands_and_writes_nothing()
    {
        await using var demo = await SeededDemo.CreateAsync(size: 200);
        var rulesFile = SeededDemo.SampleFile("validation.yaml");

        var report = await new IntegrityTroubleshooter(demo.Demo, RuleSetParser.Load(rulesFile), rulesFile).RunAsync();

        Assert.True(report.NeedsAttention);
        Assert.Equal(demo.Planted.OrphanedAssessments, report.Facts["by_kind"]["orphan"].ToInt64() - demo.Planted.OrphanedReports - demo.Planted.OrphanedWorkflowStates);
        var orphans = report.Findings.Single(f => f.Kind == "orphan" && f.Message.Contains(" in assessments,", StringComparison.Ordinal));
        Assert.StartsWith($"{demo.Planted.OrphanedAssessments} orphan(s) in assessments", orphans.Message);
        Assert.StartsWith($"ferry doctor integrity --rules {rulesFile} --fix --dry-run", orphans.Fix);
        Assert.Equal(0, await demo.Demo.GetCollection(Quarantine.QuarantineStore.CollectionName).CountAsync());
    }
}

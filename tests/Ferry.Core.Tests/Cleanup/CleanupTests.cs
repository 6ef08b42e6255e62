using Ferry.Core.Backup;
using Ferry.Core.Cleanup;
using Ferry.Core.Quarantine;
using Ferry.Core.Runs;
using Ferry.Core.Tests.Support;
using Ferry.Core.Transform;
using MongoDB.Bson;

namespace Ferry.Core.Tests.Cleanup;

public class CleanupTests
{
    [Fact]
    public async Task Old_backups_go_but_the_last_good_one_stays_even_when_newer_ones_are_broken()
    {
        await using var temp = new ClockedStore();
        var root = Path.Combine(temp.Folder, "backups");
        await temp.InsertAsync("users", [new BsonDocument("_id", 1)]);
        foreach (var tag in new[] { "b1", "b2", "b3" })
        {
            await new BackupService(temp.Clock).CreateAsync(temp.Store, new BackupOptions { Tag = tag, OutputRoot = root, Databases = ["app"] });
            temp.Clock.Now = temp.Clock.Now.AddDays(1);
        }

        File.AppendAllText(Directory.EnumerateFiles(Path.Combine(root, "b3"), "*.bson", SearchOption.AllDirectories).First(), "broken");
        temp.Clock.Now = temp.Clock.Now.AddDays(60);
        var options = new CleanupOptions { BackupRoot = root, BackupsKeep = 0 };

        var result = await new CleanupRunner(temp.Store, "app", temp.Clock).ApplyAsync(options);

        Assert.Equal(["b2"], Directory.EnumerateDirectories(root).Select(Path.GetFileName));
        Assert.Equal("the last good backup (the newest that verifies)", result.Items.Single(i => i.Target == "b2").KeptBecause);
    }

    [Fact]
    public async Task No_backup_is_removed_when_none_verifies()
    {
        await using var temp = new ClockedStore();
        var root = Path.Combine(temp.Folder, "backups");
        await temp.InsertAsync("users", [new BsonDocument("_id", 1)]);
        await new BackupService(temp.Clock).CreateAsync(temp.Store, new BackupOptions { Tag = "only", OutputRoot = root, Databases = ["app"] });
        File.AppendAllText(Directory.EnumerateFiles(Path.Combine(root, "only"), "*.bson", SearchOption.AllDirectories).First(), "broken");
        temp.Clock.Now = temp.Clock.Now.AddDays(60);

        await new CleanupRunner(temp.Store, "app", temp.Clock).ApplyAsync(new CleanupOptions { BackupRoot = root, BackupsKeep = 0 });

        Assert.True(Directory.Exists(Path.Combine(root, "only")));
    }

    [Fact]
    public async Task Temporary_collections_go_only_after_a_verified_backup_that_brings_them_back()
    {
        await using var temp = new ClockedStore();
        var root = Path.Combine(temp.Folder, "backups");
        await temp.InsertAsync("_ferry_tmp_rehearsal", Enumerable.Range(0, 25).Select(i => new BsonDocument { { "_id", i }, { "email", $"u{i}@x" } }));

        var result = await new CleanupRunner(temp.Store, "app", temp.Clock).ApplyAsync(new CleanupOptions { BackupRoot = root });

        Assert.DoesNotContain(await temp.Db.ListCollectionsAsync(), c => c.Name == "_ferry_tmp_rehearsal");
        var tag = Assert.Single(result.SafetyBackups);
        Assert.True((await new BackupService().VerifyAsync(root, tag)).Ok);
        await new BackupService().RestoreAsync(temp.Store, new RestoreOptions { Tag = tag, BackupRoot = root, ToDatabase = "back" });
        Assert.Equal(25, await temp.Store.GetDatabase("back").GetCollection("_ferry_tmp_rehearsal").CountAsync());
    }

    [Fact]
    public async Task Finished_runs_past_their_age_go_with_their_id_maps_and_a_running_runs_state_stays()
    {
        await using var temp = new ClockedStore();
        var journal = new RunJournal(temp.Db, temp.Clock);
        await journal.StartAsync("old", "transform", new BsonDocument());
        await journal.FinishAsync("old", RunStatus.Completed);
        await new IdMap(temp.Db).RecordAsync("users", [(1, 101), (2, 102)], "old");
        await journal.StartAsync("live", "transform", new BsonDocument());
        await new IdMap(temp.Db).RecordAsync("users", [(3, 103)], "live");
        await temp.InsertAsync("_ferry_tmp_live", [new BsonDocument("_id", 1)]);
        temp.Clock.Now = temp.Clock.Now.AddDays(45);
        await journal.StartAsync("recent", "transform", new BsonDocument());
        await journal.FinishAsync("recent", RunStatus.Completed);

        var result = await new CleanupRunner(temp.Store, "app", temp.Clock).ApplyAsync(new CleanupOptions());

        Assert.Equal(["live", "recent"], (await temp.Db.GetCollection(RunJournal.CollectionName).FindAsync(null).ToListAsync()).Select(r => r["_id"].AsString).Order());
        Assert.Equal([3], (await temp.Db.GetCollection(IdMap.CollectionName).FindAsync(null).ToListAsync()).Select(e => e["_id"]["s"].AsInt32));
        Assert.Equal(1, await temp.Db.GetCollection("_ferry_tmp_live").CountAsync());
        Assert.Equal("run live is running; temporary data may be its own", result.Items.Single(i => i.Kind == CleanupKinds.TemporaryCollection).KeptBecause);
        Assert.Empty(result.SafetyBackups);
    }

    [Fact]
    public async Task Restored_quarantine_entries_past_their_age_go_and_unrestored_ones_stay()
    {
        await using var temp = new ClockedStore();
        var quarantine = new QuarantineStore(temp.Db, temp.Clock);
        await quarantine.PutAsync("fix1", "users", [(new BsonDocument("_id", 1), "orphan"), (new BsonDocument("_id", 2), "orphan")]);
        await quarantine.RestoreAsync("fix1");
        await quarantine.PutAsync("fix2", "users", [(new BsonDocument("_id", 3), "orphan")]);
        temp.Clock.Now = temp.Clock.Now.AddDays(31);

        await new CleanupRunner(temp.Store, "app", temp.Clock).ApplyAsync(new CleanupOptions());

        Assert.Equal(["fix2"], (await temp.Db.GetCollection(QuarantineStore.CollectionName).FindAsync(null).ToListAsync()).Select(e => e["run_id"].AsString));
        Assert.Equal(2, await temp.Db.GetCollection("users").CountAsync());
    }

    [Fact]
    public async Task The_dry_run_view_lists_everything_and_writes_nothing()
    {
        await using var demo = await SeededDemo.CreateAsync(size: 150);
        var rules = Ferry.Core.Transform.Rules.TransformRulesParser.Load(SeededDemo.SampleFile("demo-to-prod.yaml"));
        var root = Path.Combine(demo.Folder, "ferry-demo", "backups");
        await demo.Demo.GetCollection("_ferry_tmp_x").BulkWriteAsync([new Storage.InsertRequest(new BsonDocument("_id", 1))]);
        await new BackupService(SeededDemo.Time).CreateAsync(demo.Store, new BackupOptions { Tag = "older", OutputRoot = root, Databases = ["inframind_demo"] });
        await new BackupService(new Ferry.Core.Time.FixedTimeProvider(SeededDemo.Clock.AddHours(1))).CreateAsync(demo.Store, new BackupOptions { Tag = "newer", OutputRoot = root, Databases = ["inframind_demo"] });
        var before = await DumpAsync(demo);

        var plan = await new CleanupPlanner(demo.Store, "inframind_demo", new Ferry.Core.Time.FixedTimeProvider(SeededDemo.Clock.AddDays(2))).PlanAsync(new CleanupOptions
        {
            OlderThan = TimeSpan.FromDays(1),
            BackupsKeep = 0,
            DemoMarkers = rules.DemoMarkers,
            DemoCascade = DemoCascade.From(rules),
            BackupRoot = root,
        });

        Assert.Contains(plan, i => i.Kind == CleanupKinds.DemoData && i.Target == "inframind_demo.assessments (references demo data)" && i.Count > 0);
        Assert.Contains(plan, i => i.Kind == CleanupKinds.TemporaryCollection && i.Removed);
        Assert.Contains(plan, i => i.Kind == CleanupKinds.Backup && i.Target == "older" && i.Removed);
        Assert.Contains(plan, i => i.Kind == CleanupKinds.Backup && i.Target == "newer" && !i.Removed);
        Assert.Equal(before, await DumpAsync(demo));
    }

    /// <summary>Every document of every database as canonical Extended JSON, and the backup folders: what a dry run must not change.</summary>
    private static async Task<string> DumpAsync(SeededDemo demo)
    {
        var dump = new System.Text.StringBuilder();
        foreach (var name in await demo.Store.ListDatabaseNamesAsync())
        {
            var db = demo.Store.GetDatabase(name);
            foreach (var collection in await db.ListCollectionsAsync())
            {
                dump.AppendLine(name + "." + collection.Name);
                await foreach (var doc in db.GetCollection(collection.Name).FindAsync(null))
                {
                    dump.AppendLine(doc.ToJson(new MongoDB.Bson.IO.JsonWriterSettings { OutputMode = MongoDB.Bson.IO.JsonOutputMode.CanonicalExtendedJson }));
                }
            }
        }

        foreach (var file in Directory.EnumerateFiles(Path.Combine(demo.Folder, "ferry-demo", "backups"), "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(BackupCatalog.CatalogFileName, StringComparison.Ordinal)).Order())
        {
            dump.AppendLine(file + " " + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file))));
        }

        return dump.ToString();
    }
}

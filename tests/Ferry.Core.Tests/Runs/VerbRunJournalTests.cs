using Ferry.Core.Backup;
using Ferry.Core.Doctor;
using Ferry.Core.Migrations;
using Ferry.Core.Runs;
using Ferry.Core.Storage;
using Ferry.Core.Tests.Migrations;
using Ferry.Core.Tests.Support;
using Ferry.Core.Transfer;
using Ferry.Core.Validation.Rules;
using MongoDB.Bson;

namespace Ferry.Core.Tests.Runs;

/// <summary>
/// Every data-changing verb journals its run in <c>_ferry_runs</c> the way transform does: kind, spec, per-collection
/// counts, end status with its reason, backup tag; its result names the run; a dry run writes no journal.
/// </summary>
public sealed class VerbRunJournalTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ferry-verb-runs", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Migrate_up_is_a_migrate_run_naming_its_versions_direction_and_pre_migration_backup_whose_backup_run_is_its_child()
    {
        await using var kit = new MigrationTestKit();
        await SeedAsync(kit.Db, "items", 5);
        var runner = Runner(kit, kit.Marking("1"), kit.Marking("2"));

        var result = await runner.UpAsync(kit.Db);

        var run = await RunAsync(kit.Db, result.RunId);
        Assert.Equal("migrate", run["kind"].AsString);
        Assert.Equal(RunStatus.Completed, run["status"].AsString);
        Assert.Equal(new BsonArray { "1", "2" }, run["spec"]["versions"]);
        Assert.Equal("up", run["spec"]["direction"].AsString);
        Assert.Equal(result.BackupTag, run["backup_tag"].AsString);
        Assert.Equal(["succeeded", "succeeded"], run["steps"].AsBsonArray.Select(s => s["outcome"].AsString));
        var backupRun = Assert.Single(await RunsAsync(kit.Db), r => r["kind"] == "backup");
        Assert.Equal(result.RunId, backupRun["parent_run_id"].AsString);
        Assert.Equal(RunStatus.Completed, backupRun["status"].AsString);
        Assert.Equal(5L, backupRun["collections"]["items"]["written"].AsInt64);
    }

    [Fact]
    public async Task A_failed_migration_that_was_rolled_back_ends_its_run_rolled_back_with_the_reason()
    {
        await using var kit = new MigrationTestKit();
        await SeedAsync(kit.Db, "items", 5);

        var result = await Runner(kit, kit.Marking("1"), kit.Marking("2", failUp: true)).UpAsync(kit.Db);

        var run = await RunAsync(kit.Db, result.RunId);
        Assert.Equal(RunStatus.RolledBack, run["status"].AsString);
        Assert.Equal($"2 failed: boom in 2; rolled back to backup {result.BackupTag}, verified", run["status_reason"].AsString);
        Assert.Equal("rolled_back", run["rollback"]["status"].AsString);
    }

    [Fact]
    public async Task A_stop_request_abandons_the_migration_in_progress_within_seconds_and_rolls_it_back()
    {
        await using var kit = new MigrationTestKit();
        var original = await SeedAsync(kit.Db, "items", 20);
        var started = new TaskCompletionSource();
        var endless = MigrationTestKit.Custom("1", async db =>
        {
            // Touches a batch, then "works" on the next one until it is cancelled: only a stop ends it.
            await db.GetCollection("items").BulkWriteAsync([new UpdateRequest(new BsonDocument("_id", new BsonDocument("$lt", 10)), new BsonDocument("$set", new BsonDocument("touched", true)), IsMulti: true)]);
            started.SetResult();
            await Task.Delay(Timeout.Infinite, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(2));
        });
        var stoppable = new Migration(endless.Version, endless.Description, endless.Source, endless.Checksum, endless.HasDown, new CancellableBody(endless.Body));
        var running = Runner(kit, stoppable).UpAsync(kit.Db);
        await started.Task.WaitAsync(TimeSpan.FromMinutes(1));
        var runId = (await RunsAsync(kit.Db)).Single(r => r["kind"] == "migrate")["_id"].AsString;
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await new RunJournal(kit.Db).RequestStopAsync(runId);
        var result = await running.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"stopped after {clock.Elapsed}");
        Assert.True(result.Stopped);
        Assert.False(result.Succeeded);
        Assert.True(result.Rollback!.Succeeded);
        Assert.Equal(original, await ExportAsync(kit.Db.GetCollection("items")));
        var run = await RunAsync(kit.Db, runId);
        Assert.Equal(RunStatus.Stopped, run["status"].AsString);
        Assert.Equal($"stop requested during 1; rolled back to backup {result.BackupTag}, verified", run["status_reason"].AsString);
        Assert.Null(await DatabaseRunLock.HolderAsync(kit.Db));
    }

    [Fact]
    public async Task Backup_create_journals_exact_counts_in_its_first_database_and_leaves_its_own_run_out_of_the_dump()
    {
        await using var kit = new MigrationTestKit();
        await SeedAsync(kit.Db, "items", 7);
        await SeedAsync(kit.Db, "things", 3);
        await SeedAsync(kit.Store.GetDatabase("zeta"), "other", 2);
        var service = new BackupService();

        var first = await service.CreateAsync(kit.Store, new BackupOptions { Tag = "first", OutputRoot = _folder, Databases = ["app", "zeta"] });
        var second = await service.CreateAsync(kit.Store, new BackupOptions { Tag = "second", OutputRoot = _folder, Databases = ["app"] });

        var run = await RunAsync(kit.Db, first.RunId!);
        Assert.Equal("backup", run["kind"].AsString);
        Assert.Equal(RunStatus.Completed, run["status"].AsString);
        Assert.Equal("first", run["backup_tag"].AsString);
        Assert.Equal(new BsonDocument { { "processed", 7L }, { "total", 7L }, { "written", 7L }, { "quarantined", 0L } }, Counts(run, "app/items"));
        Assert.Equal(2L, run["collections"]["zeta/other"]["written"].AsInt64);
        Assert.Equal(first.RunId, first.ToBson()["runId"].AsString);
        Assert.Equal(0, await kit.Store.GetDatabase("zeta").GetCollection(RunJournal.CollectionName).CountAsync());

        // The second backup holds the first backup's (completed) run, not its own (which was running).
        var runs = Assert.Single(second.Manifest.Namespaces, n => n.Namespace == "app._ferry_runs");
        Assert.Equal(1L, runs.Documents);
        Assert.Equal(new BsonDocument { { "processed", 3L }, { "total", 3L }, { "written", 3L }, { "quarantined", 0L } }, Counts(await RunAsync(kit.Db, second.RunId!), "things"));
    }

    [Fact]
    public async Task Restore_journals_exact_counts_in_its_target_database_and_merges_the_dumped_runs()
    {
        await using var kit = new MigrationTestKit();
        await SeedAsync(kit.Db, "items", 7);
        var service = new BackupService();
        var earlier = await service.CreateAsync(kit.Store, new BackupOptions { Tag = "earlier", OutputRoot = _folder, Databases = ["app"] });
        await service.CreateAsync(kit.Store, new BackupOptions { Tag = "later", OutputRoot = _folder, Databases = ["app"] });

        var dryRun = await service.RestoreAsync(kit.Store, new RestoreOptions { Tag = "later", BackupRoot = _folder, ToDatabase = "copy", DryRun = true });
        Assert.Null(dryRun.RunId);
        Assert.DoesNotContain("copy", await kit.Store.ListDatabaseNamesAsync());

        var result = await service.RestoreAsync(kit.Store, new RestoreOptions { Tag = "later", BackupRoot = _folder, ToDatabase = "copy" });

        Assert.True(result.Ok, string.Join("; ", result.Namespaces.SelectMany(n => n.Problems)));
        var copy = kit.Store.GetDatabase("copy");
        var run = await RunAsync(copy, result.RunId!);
        Assert.Equal("restore", run["kind"].AsString);
        Assert.Equal(RunStatus.Completed, run["status"].AsString);
        Assert.Equal("later", run["backup_tag"].AsString);
        Assert.Equal(new BsonDocument { { "processed", 7L }, { "total", 7L }, { "written", 7L }, { "quarantined", 0L } }, Counts(run, "items"));
        Assert.Equal([earlier.RunId!, result.RunId!], (await RunsAsync(copy)).Select(r => r["_id"].AsString).Order(StringComparer.Ordinal));
        Assert.Equal(RunStatus.Completed, (await RunAsync(copy, earlier.RunId!))["status"].AsString);
    }

    [Fact]
    public async Task Doctor_fix_is_a_doctor_run_counting_what_it_quarantined_and_repointed_per_collection_and_a_check_writes_none()
    {
        await using var demo = await SeededDemo.CreateAsync(size: 300);
        var rules = RuleSetParser.Load(SeededDemo.SampleFile("validation.yaml"));
        await new IntegrityDoctor(new DoctorOptions()).RunAsync(demo.Demo, rules);
        Assert.Empty(await RunsAsync(demo.Demo));

        var report = await new IntegrityDoctor(new DoctorOptions { Fix = true, RunId = "doctor-journal" }).RunAsync(demo.Demo, rules);

        var run = await RunAsync(demo.Demo, "doctor-journal");
        Assert.Equal("doctor", run["kind"].AsString);
        Assert.Equal(RunStatus.Completed, run["status"].AsString);
        foreach (var collection in report.Findings.GroupBy(f => f.Collection))
        {
            Assert.Equal(
                new BsonDocument
                {
                    { "processed", (long)collection.Count() }, { "total", (long)collection.Count() },
                    { "written", (long)collection.Count(f => f.Action == "repointed") }, { "quarantined", (long)collection.Count(f => f.Action is "quarantined" or "merged") },
                },
                Counts(run, collection.Key));
        }

        Assert.Equal(report.Findings.Count(f => f.Action is "quarantined" or "merged"), run["collections"].AsBsonDocument.Sum(c => c.Value["quarantined"].AsInt64));
    }

    [Fact]
    public async Task Import_is_an_import_run_with_the_lines_read_and_written()
    {
        await using var kit = new MigrationTestKit();
        Directory.CreateDirectory(_folder);
        var file = Path.Combine(_folder, "people.jsonl");
        await File.WriteAllLinesAsync(file, Enumerable.Range(1, 5).Select(i => $"{{\"_id\": {i}, \"name\": \"p{i}\"}}"));

        var result = await ExtendedJsonImporter.ImportFileAsync(kit.Db.GetCollection("people"), file);

        var run = await RunAsync(kit.Db, result.RunId!);
        Assert.Equal("import", run["kind"].AsString);
        Assert.Equal(RunStatus.Completed, run["status"].AsString);
        Assert.Equal(new BsonDocument { { "processed", 5L }, { "total", 5L }, { "written", 5L }, { "quarantined", 0L } }, Counts(run, "people"));
        Assert.Equal(result.RunId, result.ToBsonDocument()["runId"].AsString);
    }

    private MigrationRunner Runner(MigrationTestKit kit, params Migration[] migrations) =>
        new(new Source(migrations), kit.Environment, new StoreBackupBeforeMigration(new BackupService(), _folder));

    private static BsonDocument Counts(BsonDocument run, string collection)
    {
        var c = run["collections"][collection].AsBsonDocument;
        return new BsonDocument { { "processed", c["processed"] }, { "total", c["total"] }, { "written", c["written"] }, { "quarantined", c["quarantined"] } };
    }

    private static async Task<BsonDocument> RunAsync(IDocumentDatabase db, string runId) =>
        await new RunJournal(db).GetAsync(runId) ?? throw new Xunit.Sdk.XunitException($"no run {runId} in {db.Name}");

    private static async Task<List<BsonDocument>> RunsAsync(IDocumentDatabase db) => await new RunJournal(db).ListAsync().ToListAsync();

    private static async Task<List<byte[]>> SeedAsync(IDocumentDatabase db, string collection, int count)
    {
        var documents = Enumerable.Range(0, count).Select(i => (WriteRequest)new InsertRequest(new BsonDocument { { "_id", i }, { "name", "item " + i } })).ToList();
        await db.GetCollection(collection).BulkWriteAsync(documents);
        return await ExportAsync(db.GetCollection(collection));
    }

    private static async Task<List<byte[]>> ExportAsync(IDocumentCollection collection)
    {
        var export = new List<byte[]>();
        await foreach (var document in collection.ScanAsync())
        {
            using (document)
            {
                export.Add(document.Materialize(new MongoDB.Bson.IO.BsonBinaryReaderSettings()).ToBson());
            }
        }

        return export;
    }

    private sealed class Source(IReadOnlyList<Migration> migrations) : IMigrationSource
    {
        public IReadOnlyList<Migration> Load() => migrations;
    }

    /// <summary>Runs a body, ending it as soon as the run's token is cancelled (as a script's loop does).</summary>
    private sealed class CancellableBody(IMigrationBody inner) : IMigrationBody
    {
        public Task RunAsync(MigrationDirection direction, IDocumentDatabase database, CancellationToken cancellationToken = default) =>
            inner.RunAsync(direction, database, cancellationToken).WaitAsync(cancellationToken);
    }
}

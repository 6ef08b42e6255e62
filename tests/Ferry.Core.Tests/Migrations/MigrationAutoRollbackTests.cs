using Ferry.Core.Backup;
using Ferry.Core.Migrations;
using Ferry.Core.Runs;
using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Core.Tests.Migrations;

/// <summary>A failed <c>migrate up</c> restores the run's pre-migration backup, verifies it and records the rollback.</summary>
public sealed class MigrationAutoRollbackTests : IDisposable
{
    private readonly string _backups = Path.Combine(Path.GetTempPath(), "ferry-autorollback-backups", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_backups))
        {
            Directory.Delete(_backups, recursive: true);
        }
    }

    [Fact]
    public async Task A_migration_that_throws_half_way_is_rolled_back_to_the_exact_original_documents()
    {
        await using var kit = new MigrationTestKit();
        var original = await SeedAsync(kit.Db);
        var runner = Runner(kit, HalfUpdateThenThrow("1"));

        var result = await runner.UpAsync(kit.Db);

        Assert.False(result.Succeeded);
        Assert.Equal(MigrationRollback.RolledBack, result.Rollback!.Status);
        Assert.Equal(result.BackupTag, result.Rollback.BackupTag);
        Assert.Empty(result.Rollback.Details);
        Assert.Null(result.RestoreCommand(_backups));
        Assert.Equal(original, await ExportAsync(kit.Db.GetCollection("items")));
        var entry = Assert.Single(await new MigrationChangelog(kit.Db).ReadAsync());
        Assert.Equal(ChangelogEntry.Failed, entry.Outcome);
        Assert.Equal("half done", entry.Error);
        Assert.Equal(result.BackupTag, entry.RolledBackTo);
        var row = Assert.Single((await runner.StatusAsync(kit.Db)).Pending);
        Assert.Equal("1", row.Version.Text);
        Assert.Null(await DatabaseRunLock.HolderAsync(kit.Db));
        var history = await new MigrationHistory(kit.Db).ReadAsync();
        Assert.Equal(["rollback succeeded", "up failed"], history.Select(h => h["action"].AsString + " " + h["outcome"].AsString));
    }

    [Fact]
    public async Task When_the_second_migration_fails_the_first_is_undone_too_and_pending_again()
    {
        await using var kit = new MigrationTestKit();
        var original = await SeedAsync(kit.Db);
        var runner = Runner(kit, kit.Marking("1"), HalfUpdateThenThrow("2"));

        var result = await runner.UpAsync(kit.Db);

        Assert.Equal([StepOutcome.Succeeded, StepOutcome.Failed], result.Steps.Select(s => s.Outcome));
        Assert.True(result.Rollback!.Succeeded);
        Assert.Equal(original, await ExportAsync(kit.Db.GetCollection("items")));
        Assert.DoesNotContain("marks", await UserCollectionsAsync(kit.Db)); // migration 1 created it
        var entries = await new MigrationChangelog(kit.Db).ReadAsync();
        Assert.Equal([ChangelogEntry.RolledBack, ChangelogEntry.Failed], entries.Select(e => e.Outcome));
        Assert.All(entries, e => Assert.Equal(result.BackupTag, e.RolledBackTo));
        var status = await runner.StatusAsync(kit.Db);
        Assert.Null(status.CurrentVersion);
        Assert.Equal([MigrationState.Pending, MigrationState.Failed], status.Rows.Select(r => r.State));

        // Once fixed, the next run applies both again.
        var fixedRunner = Runner(kit, kit.Marking("1"), kit.Marking("2"));
        Assert.True((await fixedRunner.UpAsync(kit.Db)).Succeeded);
        Assert.Equal(["1", "2"], await kit.MarksAsync());
    }

    [Fact]
    public async Task A_failed_down_run_is_rolled_back_and_its_earlier_down_steps_are_applied_again()
    {
        await using var kit = new MigrationTestKit();
        await SeedAsync(kit.Db);
        var runner = Runner(kit, kit.Marking("1", failDown: true), kit.Marking("2"));
        Assert.True((await runner.UpAsync(kit.Db, new UpOptions { NoBackup = true })).Succeeded);
        var appliedBefore = await new MigrationChangelog(kit.Db).ReadAsync();

        var result = await runner.DownAsync(kit.Db, new DownOptions(MigrationVersion.Parse("1")) { Cascade = true });

        Assert.Equal(["down 2 Succeeded", "down 1 Failed"], result.Steps.Select(s => $"down {s.Version} {s.Outcome}"));
        Assert.True(result.Rollback!.Succeeded);
        Assert.Equal(["1", "2"], await kit.MarksAsync());
        Assert.Equal(appliedBefore, await new MigrationChangelog(kit.Db).ReadAsync());
        Assert.Equal(MigrationVersion.Parse("2"), (await runner.StatusAsync(kit.Db)).CurrentVersion);
    }

    [Fact]
    public async Task A_collection_the_failed_migration_created_is_gone_after_the_rollback()
    {
        await using var kit = new MigrationTestKit();
        await SeedAsync(kit.Db);
        var runner = Runner(kit, MigrationTestKit.Custom("1", async db =>
        {
            await db.GetCollection("audit").BulkWriteAsync([new InsertRequest(new BsonDocument("_id", 1))]);
            throw new InvalidOperationException("after creating audit");
        }));

        var result = await runner.UpAsync(kit.Db);

        Assert.True(result.Rollback!.Succeeded);
        Assert.Equal(["items"], await UserCollectionsAsync(kit.Db));
    }

    [Fact]
    public async Task A_database_without_user_collections_is_rolled_back_to_empty()
    {
        await using var kit = new MigrationTestKit();
        var runner = Runner(kit, kit.Marking("1"), kit.Marking("2", failUp: true));

        var result = await runner.UpAsync(kit.Db);

        Assert.Null(result.BackupTag);
        Assert.Equal(MigrationRollback.RolledBack, result.Rollback!.Status);
        Assert.Equal(MigrationRollback.EmptyDatabase, result.Rollback.BackupTag);
        Assert.Empty(await UserCollectionsAsync(kit.Db));
        Assert.Equal(2, (await runner.StatusAsync(kit.Db)).Pending.Count);
    }

    [Fact]
    public async Task No_auto_rollback_leaves_the_half_updated_state_and_names_the_restore_command()
    {
        await using var kit = new MigrationTestKit();
        await SeedAsync(kit.Db);
        var runner = Runner(kit, HalfUpdateThenThrow("1"));

        var result = await runner.UpAsync(kit.Db, new UpOptions { NoAutoRollback = true });

        Assert.Null(result.Rollback);
        Assert.StartsWith($"ferry backup restore --tag {result.BackupTag} --out ", result.RestoreCommand(_backups));
        Assert.Equal(10, await kit.Db.GetCollection("items").CountAsync(new BsonDocument("touched", true)));
        var entry = Assert.Single(await new MigrationChangelog(kit.Db).ReadAsync());
        Assert.Null(entry.RolledBackTo);
    }

    [Fact]
    public async Task Without_a_backup_nothing_is_rolled_back_and_the_result_says_so()
    {
        await using var kit = new MigrationTestKit();
        await SeedAsync(kit.Db);
        var runner = Runner(kit, HalfUpdateThenThrow("1"));

        var result = await runner.UpAsync(kit.Db, new UpOptions { NoBackup = true });

        Assert.Equal(MigrationRollback.NoBackup, result.Rollback!.Status);
        Assert.False(result.Rollback.Succeeded);
        Assert.Equal(10, await kit.Db.GetCollection("items").CountAsync(new BsonDocument("touched", true)));
    }

    [Fact]
    public async Task A_dry_run_never_rolls_back()
    {
        await using var kit = new MigrationTestKit();
        await SeedAsync(kit.Db);

        var result = await Runner(kit, HalfUpdateThenThrow("1")).UpAsync(kit.Db, new UpOptions { DryRun = true });

        Assert.Equal(StepOutcome.Failed, Assert.Single(result.Steps).Outcome);
        Assert.Null(result.Rollback);
        Assert.False(Directory.Exists(_backups));
    }

    [Fact]
    public async Task A_rollback_from_a_damaged_backup_is_reported_as_failed_and_the_changelog_is_left_alone()
    {
        await using var kit = new MigrationTestKit();
        await SeedAsync(kit.Db);
        var runner = new MigrationRunner(new Source([kit.Marking("1"), HalfUpdateThenThrow("2")]), kit.Environment, new DamagingBackup(new StoreBackupBeforeMigration(new BackupService(), _backups), _backups));

        var result = await runner.UpAsync(kit.Db);

        Assert.Equal(MigrationRollback.RollbackFailed, result.Rollback!.Status);
        Assert.Contains("failed verification", Assert.Single(result.Rollback.Details));
        Assert.StartsWith("ROLLBACK FAILED", result.Rollback.Describe());
        Assert.NotNull(result.RestoreCommand(_backups));
        var entries = await new MigrationChangelog(kit.Db).ReadAsync();
        Assert.Equal([ChangelogEntry.Applied, ChangelogEntry.Failed], entries.Select(e => e.Outcome));
        Assert.All(entries, e => Assert.Null(e.RolledBackTo));
        var latest = (await new MigrationHistory(kit.Db).ReadAsync())[0];
        Assert.Equal("rollback failed", latest["action"].AsString + " " + latest["outcome"].AsString);
        Assert.Null(await DatabaseRunLock.HolderAsync(kit.Db));
    }

    private MigrationRunner Runner(MigrationTestKit kit, params Migration[] migrations) =>
        new(new Source(migrations), kit.Environment, new StoreBackupBeforeMigration(new BackupService(), _backups));

    /// <summary>Marks the first half of <c>items</c> (ids 0–9) touched, then throws.</summary>
    private static Migration HalfUpdateThenThrow(string version) => MigrationTestKit.Custom(version, async db =>
    {
        await db.GetCollection("items").BulkWriteAsync([new UpdateRequest(new BsonDocument("_id", new BsonDocument("$lt", 10)), new BsonDocument("$set", new BsonDocument("touched", true)), IsMulti: true)]);
        throw new InvalidOperationException("half done");
    });

    private static async Task<List<byte[]>> SeedAsync(IDocumentDatabase db)
    {
        var documents = Enumerable.Range(0, 20).Select(i => (WriteRequest)new InsertRequest(new BsonDocument
        {
            { "_id", i }, { "n", i * 1.5 }, { "name", "item " + i }, { "tags", new BsonArray { "a", i } }, { "at", new BsonDateTime(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(i)) },
        })).ToList();
        await db.GetCollection("items").BulkWriteAsync(documents);
        return await ExportAsync(db.GetCollection("items"));
    }

    /// <summary>The collection's full export: every document's exact BSON bytes in _id order.</summary>
    private static async Task<List<byte[]>> ExportAsync(IDocumentCollection collection)
    {
        var export = new List<byte[]>();
        await foreach (var document in collection.ScanAsync())
        {
            using (document)
            {
                var bytes = new byte[document.Slice.Length];
                document.Slice.GetBytes(0, bytes, 0, bytes.Length);
                export.Add(bytes);
            }
        }

        return export;
    }

    private static async Task<List<string>> UserCollectionsAsync(IDocumentDatabase db) =>
        (await db.ListCollectionsAsync()).Select(c => c.Name).Where(n => !n.StartsWith("_ferry_", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();

    private sealed class Source(IReadOnlyList<Migration> migrations) : IMigrationSource
    {
        public IReadOnlyList<Migration> Load() => migrations;
    }

    /// <summary>Takes the real backup, then flips a byte in its data so that restoring it fails verification.</summary>
    private sealed class DamagingBackup(IPreMigrationBackup inner, string root) : IPreMigrationBackup
    {
        public async Task<string?> BackupAsync(IDocumentDatabase database, string runId, CancellationToken cancellationToken = default)
        {
            var tag = await inner.BackupAsync(database, runId, cancellationToken);
            var file = Directory.EnumerateFiles(Path.Combine(root, tag!), "items.bson*", SearchOption.AllDirectories).Single();
            var bytes = await File.ReadAllBytesAsync(file, cancellationToken);
            bytes[^5] ^= 0xFF;
            await File.WriteAllBytesAsync(file, bytes, cancellationToken);
            return tag;
        }

        public Task<MigrationRollback> RollBackAsync(IDocumentDatabase database, string? tag, DatabaseRunLock heldLock, CancellationToken cancellationToken = default) =>
            inner.RollBackAsync(database, tag, heldLock, cancellationToken);
    }
}

using Ferry.Core.Backup;
using Ferry.Core.Errors;
using MongoDB.Bson;

namespace Ferry.Core.Tests.Backup;

public sealed class RestoreTests
{
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public async Task Restore_of_a_tag_recreates_documents_byte_for_byte_with_options_and_indexes(bool gzip, bool archive)
    {
        using var temp = new TempFolder();
        var source = await BackupFixtures.SeededStoreAsync();
        var service = BackupFixtures.Service();
        await service.CreateAsync(source, new BackupOptions { Tag = "t", OutputRoot = temp.Path, Gzip = gzip, Archive = archive, BatchSize = 50 });

        var target = new InMemoryStore();
        var result = await service.RestoreAsync(target, new RestoreOptions { Tag = "t", BackupRoot = temp.Path, BatchSize = 64 });

        Assert.True(result.Ok, string.Join("\n", result.Namespaces.SelectMany(n => n.Problems)));
        Assert.Equal(["crm.leads", "shop.customers", "shop.empty", "shop.orders"], result.Namespaces.Select(n => n.Target));
        Assert.Equal(377, result.Documents);
        foreach (var (db, coll) in new[] { ("shop", "customers"), ("shop", "orders"), ("shop", "empty"), ("crm", "leads") })
        {
            Assert.Equal(BackupFixtures.Raw(source, db, coll), BackupFixtures.Raw(target, db, coll));
        }

        var customers = ((InMemoryDatabase)target.GetDatabase("shop")).Collections["customers"];
        Assert.Equal(BackupFixtures.Validator, customers.Options);
        var indexes = await customers.ListIndexesAsync();
        Assert.Equal(BsonDocument.Parse("{ v: 2, key: { email: 1 }, name: 'email_1', unique: true }"), indexes[1]);
        Assert.Equal(1, result.Namespaces.Single(n => n.Target == "shop.customers").IndexesCreated);
        Assert.Equal(250, result.Namespaces.Single(n => n.Target == "shop.customers").TargetCount);
    }

    [Fact]
    public async Task Non_empty_targets_are_refused_without_drop_and_nothing_is_written()
    {
        using var temp = new TempFolder();
        var source = await BackupFixtures.SeededStoreAsync();
        var service = BackupFixtures.Service();
        await service.CreateAsync(source, new BackupOptions { Tag = "t", OutputRoot = temp.Path });
        var target = new InMemoryStore();
        await ((InMemoryCollection)target.GetDatabase("shop").GetCollection("orders")).SeedAsync([new BsonDocument("_id", "existing")]);

        var error = await Assert.ThrowsAsync<UserInputException>(() => service.RestoreAsync(target, new RestoreOptions { Tag = "t", BackupRoot = temp.Path }));
        Assert.Contains("shop.orders (1 documents)", error.Message, StringComparison.Ordinal);
        Assert.Equal(["shop"], await target.ListDatabaseNamesAsync());
        Assert.Single(((InMemoryDatabase)target.GetDatabase("shop")).Collections);

        var dropped = await service.RestoreAsync(target, new RestoreOptions { Tag = "t", BackupRoot = temp.Path, Drop = true });
        Assert.True(dropped.Ok);
        Assert.Equal("drop+create", dropped.Namespaces.Single(n => n.Target == "shop.orders").Action);
        Assert.Equal(BackupFixtures.Raw(source, "shop", "orders"), BackupFixtures.Raw(target, "shop", "orders"));
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task A_corrupt_backup_is_found_before_drop_or_upsert_touches_an_existing_collection(bool drop, bool upsert)
    {
        using var temp = new TempFolder();
        var source = await BackupFixtures.SeededStoreAsync();
        var service = BackupFixtures.Service();
        var backup = await service.CreateAsync(source, new BackupOptions { Tag = "t", OutputRoot = temp.Path });
        var target = new InMemoryStore();
        await ((InMemoryCollection)target.GetDatabase("shop").GetCollection("orders")).SeedAsync([new BsonDocument("_id", "existing")]);
        var file = Path.Combine(backup.Path, "shop", "orders.bson");
        var bytes = await File.ReadAllBytesAsync(file);
        bytes[^10] ^= 0xFF; // one flipped byte near the end: the file still starts well
        await File.WriteAllBytesAsync(file, bytes);

        var error = await Assert.ThrowsAsync<OperationFailedException>(() => service.RestoreAsync(target, new RestoreOptions { Tag = "t", BackupRoot = temp.Path, Drop = drop, Upsert = upsert }));

        Assert.Contains("the backup failed verification", error.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was written", error.Message, StringComparison.Ordinal);
        var left = await target.GetDatabase("shop").GetCollection("orders").ScanAsync().ToListAsync();
        Assert.Equal("existing", Assert.Single(left)["_id"].AsString);
        Assert.Equal(["shop"], await target.ListDatabaseNamesAsync());
    }

    public enum RestoreMode
    {
        NewDatabase,
        ToDb,
        NsInclude,
        Resume,
        DryRun,
        FromArchiveFile,
    }

    [Theory]
    [InlineData(false, false, RestoreMode.NewDatabase)]
    [InlineData(false, false, RestoreMode.ToDb)]
    [InlineData(false, false, RestoreMode.NsInclude)]
    [InlineData(false, false, RestoreMode.Resume)]
    [InlineData(false, false, RestoreMode.DryRun)]
    [InlineData(true, false, RestoreMode.NewDatabase)]
    [InlineData(true, false, RestoreMode.ToDb)]
    [InlineData(false, true, RestoreMode.NewDatabase)]
    [InlineData(false, true, RestoreMode.FromArchiveFile)]
    [InlineData(true, true, RestoreMode.NsInclude)]
    public async Task A_corrupt_ferry_backup_is_refused_before_any_write_whatever_the_target(bool gzip, bool archive, RestoreMode mode)
    {
        using var temp = new TempFolder();
        var source = await BackupFixtures.SeededStoreAsync();
        var service = BackupFixtures.Service();
        var backup = await service.CreateAsync(source, new BackupOptions { Tag = "t", OutputRoot = temp.Path, Gzip = gzip, Archive = archive });
        var damaged = archive ? (gzip ? "dump.archive.gz" : "dump.archive") : (gzip ? "shop/customers.bson.gz" : "shop/customers.bson");
        var path = Path.Combine(backup.Path, damaged);
        var bytes = await File.ReadAllBytesAsync(path);
        if (gzip)
        {
            bytes[bytes.Length / 2] ^= 0x01;
        }
        else
        {
            // One byte inside a document: "customer 17" becomes "customer 18", still well-formed BSON.
            var at = bytes.AsSpan().IndexOf("customer 17"u8);
            bytes[at + 10] = (byte)'8';
        }

        await File.WriteAllBytesAsync(path, bytes);
        var target = new InMemoryStore();
        var options = mode switch
        {
            RestoreMode.ToDb => new RestoreOptions { Tag = "t", Database = "shop", ToDatabase = "r" },
            RestoreMode.NsInclude => new RestoreOptions { Tag = "t", NsInclude = ["crm.*"] },
            RestoreMode.Resume => new RestoreOptions { Tag = "t", Resume = true },
            RestoreMode.DryRun => new RestoreOptions { Tag = "t", DryRun = true },
            RestoreMode.FromArchiveFile => new RestoreOptions { FromPath = path },
            _ => new RestoreOptions { Tag = "t" },
        };

        var error = await Assert.ThrowsAsync<OperationFailedException>(() => service.RestoreAsync(target, options with { BackupRoot = temp.Path }));

        Assert.StartsWith($"{backup.Path}: the backup failed verification: {damaged}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was written", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Empty(await target.ListDatabaseNamesAsync());
        Assert.False(Directory.Exists(Path.Combine(temp.Path, ".restore-state")) && Directory.EnumerateFiles(Path.Combine(temp.Path, ".restore-state")).Any());
    }

    [Fact]
    public async Task A_selection_matching_nothing_is_bad_input_before_the_backup_is_read_whole()
    {
        using var temp = new TempFolder();
        var source = await BackupFixtures.SeededStoreAsync();
        var service = BackupFixtures.Service();
        var backup = await service.CreateAsync(source, new BackupOptions { Tag = "t", OutputRoot = temp.Path });
        var orders = Path.Combine(backup.Path, "shop", "orders.bson");
        var bytes = await File.ReadAllBytesAsync(orders);
        bytes[^10] ^= 0xFF;
        await File.WriteAllBytesAsync(orders, bytes);

        // The option is checked first (a typo fails at once on a large backup); the verification would fail too.
        var error = await Assert.ThrowsAsync<UserInputException>(() => service.RestoreAsync(new InMemoryStore(), new RestoreOptions { Tag = "t", BackupRoot = temp.Path, NsInclude = ["nothing.*"] }));
        Assert.StartsWith("nothing to restore: ", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<OperationFailedException>(() => service.RestoreAsync(new InMemoryStore(), new RestoreOptions { Tag = "t", BackupRoot = temp.Path, NsInclude = ["shop.*"] }));
    }

    [Fact]
    public async Task A_file_added_to_a_ferry_backup_after_it_was_written_fails_verification_and_is_not_restored()
    {
        using var temp = new TempFolder();
        var source = await BackupFixtures.SeededStoreAsync();
        var service = BackupFixtures.Service();
        var backup = await service.CreateAsync(source, new BackupOptions { Tag = "t", OutputRoot = temp.Path, Databases = ["crm"] });
        await File.WriteAllBytesAsync(Path.Combine(backup.Path, "crm", "extra.bson"), new BsonDocument("_id", 1).ToBson());

        var report = await service.VerifyAsync(temp.Path, "t");
        Assert.Equal(["crm/extra.bson: file is not listed in the manifest (added after the backup was written?)"], report.Problems.Select(p => p.ToString()));

        var target = new InMemoryStore();
        await Assert.ThrowsAsync<OperationFailedException>(() => service.RestoreAsync(target, new RestoreOptions { Tag = "t", BackupRoot = temp.Path }));
        Assert.Empty(await target.ListDatabaseNamesAsync());
    }

    [Fact]
    public async Task Upsert_merges_into_a_non_empty_target_replacing_by_id()
    {
        using var temp = new TempFolder();
        var source = await BackupFixtures.SeededStoreAsync();
        var service = BackupFixtures.Service();
        await service.CreateAsync(source, new BackupOptions { Tag = "t", OutputRoot = temp.Path, Databases = ["crm"] });
        var target = new InMemoryStore();
        await ((InMemoryCollection)target.GetDatabase("crm").GetCollection("leads")).SeedAsync([new BsonDocument { { "_id", "lead-3" }, { "score", 99 } }, new BsonDocument("_id", "other")]);

        var result = await service.RestoreAsync(target, new RestoreOptions { Tag = "t", BackupRoot = temp.Path, Upsert = true });
        Assert.True(result.Ok);
        Assert.Equal("upsert", result.Namespaces.Single().Action);
        var leads = BackupFixtures.Raw(target, "crm", "leads").Select(InMemoryCollection.Parse).ToList();
        Assert.Equal(8, leads.Count);
        Assert.Equal(1.5, leads.Single(d => d["_id"] == "lead-3")["score"].AsDouble);
    }

    [Fact]
    public async Task Dry_run_summarises_without_writing()
    {
        using var temp = new TempFolder();
        var source = await BackupFixtures.SeededStoreAsync();
        var service = BackupFixtures.Service();
        await service.CreateAsync(source, new BackupOptions { Tag = "t", OutputRoot = temp.Path });
        var target = new InMemoryStore();
        var result = await service.RestoreAsync(target, new RestoreOptions { Tag = "t", BackupRoot = temp.Path, DryRun = true, ToDatabase = "copy", Database = "shop" });
        Assert.True(result.DryRun);
        Assert.Equal(["copy.customers", "copy.empty", "copy.orders"], result.Namespaces.Select(n => n.Target));
        Assert.Equal([250L, 0L, 120L], result.Namespaces.Select(n => n.Expected!.Value));
        Assert.Empty(await target.ListDatabaseNamesAsync());
    }

    [Fact]
    public async Task Namespace_patterns_and_to_db_select_and_rename()
    {
        using var temp = new TempFolder();
        var source = await BackupFixtures.SeededStoreAsync();
        var service = BackupFixtures.Service();
        await service.CreateAsync(source, new BackupOptions { Tag = "t", OutputRoot = temp.Path });
        var target = new InMemoryStore();
        var result = await service.RestoreAsync(target, new RestoreOptions { Tag = "t", BackupRoot = temp.Path, NsInclude = ["shop.*"], NsExclude = ["*.empty"], ToDatabase = "staging" });
        Assert.Equal(["staging.customers", "staging.orders"], result.Namespaces.Select(n => n.Target));
        Assert.Equal(BackupFixtures.Raw(source, "shop", "orders"), BackupFixtures.Raw(target, "staging", "orders"));

        await Assert.ThrowsAsync<UserInputException>(() => service.RestoreAsync(new InMemoryStore(), new RestoreOptions { Tag = "t", BackupRoot = temp.Path, ToDatabase = "x" }));
        await Assert.ThrowsAsync<UserInputException>(() => service.RestoreAsync(new InMemoryStore(), new RestoreOptions { Tag = "t", BackupRoot = temp.Path, NsInclude = ["nothing.*"] }));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_restore_failing_half_way_names_the_restored_namespaces_and_resume_finishes_it(bool archive)
    {
        using var temp = new TempFolder();
        var source = await BackupFixtures.SeededStoreAsync();
        var service = BackupFixtures.Service();
        await service.CreateAsync(source, new BackupOptions { Tag = "t", OutputRoot = temp.Path, Archive = archive, Parallel = 1 });
        var target = new InMemoryStore { FailAfterWrites = 7 + 250 + 45 };

        var result = await service.RestoreAsync(target, new RestoreOptions { Tag = "t", BackupRoot = temp.Path, Parallel = 1, BatchSize = 20 });
        Assert.False(result.Ok);
        var failure = Assert.IsType<RestoreFailure>(result.Failure);
        Assert.Equal("shop.orders", failure.FailedNamespace);
        Assert.Equal(["crm.leads", "shop.customers", "shop.empty"], failure.Restored.Order(StringComparer.Ordinal));
        Assert.Contains("restored completely: ", failure.Message, StringComparison.Ordinal);
        Assert.Contains("injected failure", failure.Message, StringComparison.Ordinal);

        // Without --resume the half-restored collection blocks a plain rerun.
        target.FailAfterWrites = null;
        await Assert.ThrowsAsync<UserInputException>(() => service.RestoreAsync(target, new RestoreOptions { Tag = "t", BackupRoot = temp.Path, Resume = false }));

        target.FailAfterWrites = null;
        var resumed = await service.RestoreAsync(target, new RestoreOptions { Tag = "t", BackupRoot = temp.Path, Resume = true, BatchSize = 20 });
        Assert.True(resumed.Ok, string.Join("\n", resumed.Namespaces.SelectMany(n => n.Problems)));
        Assert.StartsWith("resume after 40", resumed.Namespaces.Single(n => n.Target == "shop.orders").Action, StringComparison.Ordinal);
        Assert.StartsWith("skip", resumed.Namespaces.Single(n => n.Target == "shop.customers").Action, StringComparison.Ordinal);
        foreach (var (db, coll) in new[] { ("shop", "customers"), ("shop", "orders"), ("crm", "leads") })
        {
            Assert.Equal(BackupFixtures.Raw(source, db, coll), BackupFixtures.Raw(target, db, coll));
        }

        Assert.Empty(Directory.EnumerateFiles(Path.Combine(temp.Path, ".restore-state")));
    }

    [Fact]
    public async Task Restore_from_an_unknown_tag_or_without_a_source_is_bad_input()
    {
        using var temp = new TempFolder();
        var service = BackupFixtures.Service();
        await Assert.ThrowsAsync<UserInputException>(() => service.RestoreAsync(new InMemoryStore(), new RestoreOptions { Tag = "missing", BackupRoot = temp.Path }));
        await Assert.ThrowsAsync<UserInputException>(() => service.RestoreAsync(new InMemoryStore(), new RestoreOptions { BackupRoot = temp.Path }));
        await Assert.ThrowsAsync<UserInputException>(() => service.RestoreAsync(new InMemoryStore(), new RestoreOptions { FromPath = temp.Combine("nowhere"), BackupRoot = temp.Path }));
    }

    [Fact]
    public async Task A_dump_whose_metadata_names_a_path_escaping_collection_is_rejected_before_writing()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Combine("dump", "db"));
        await File.WriteAllTextAsync(temp.Combine("dump", "db", "c.metadata.json"), "{\"indexes\":[],\"collectionName\":\"../../evil\"}");
        await File.WriteAllBytesAsync(temp.Combine("dump", "db", "c.bson"), new BsonDocument("_id", 1).ToBson());
        var store = new InMemoryStore();
        var error = await Assert.ThrowsAnyAsync<UserInputException>(() => BackupFixtures.Service().RestoreAsync(store, new RestoreOptions { FromPath = temp.Combine("dump"), BackupRoot = temp.Path }));
        Assert.Contains("not allowed", error.Message, StringComparison.Ordinal);
        Assert.Empty(await store.ListDatabaseNamesAsync());
    }

    [Fact]
    public async Task A_ferry_archive_backup_folder_restores_with_from_like_a_tag()
    {
        using var temp = new TempFolder();
        var source = await BackupFixtures.SeededStoreAsync();
        var service = BackupFixtures.Service();
        var backup = await service.CreateAsync(source, new BackupOptions { Tag = "a", OutputRoot = temp.Path, Archive = true, Gzip = true, ArchiveFileName = "shop.archive" });
        Assert.Equal("shop.archive.gz", Assert.Single(backup.Manifest.Files).Path);

        var target = new InMemoryStore();
        var fromFolder = await service.RestoreAsync(target, new RestoreOptions { FromPath = backup.Path, BackupRoot = temp.Path, Database = "crm" });
        Assert.Equal(7, Assert.Single(fromFolder.Namespaces).Expected);

        var fromFile = await service.RestoreAsync(new InMemoryStore(), new RestoreOptions { FromPath = Path.Combine(backup.Path, "shop.archive.gz"), BackupRoot = temp.Path });
        Assert.True(fromFile.Ok);
        Assert.Equal(377, fromFile.Documents);
    }

    [Fact]
    public async Task A_damaged_checkpoint_file_is_bad_input_naming_it()
    {
        using var temp = new TempFolder();
        var source = await BackupFixtures.SeededStoreAsync();
        var service = BackupFixtures.Service();
        var backup = await service.CreateAsync(source, new BackupOptions { Tag = "t", OutputRoot = temp.Path });
        var target = new InMemoryStore();

        // The checkpoint file of (this backup → this target): named by SHA-256 of the two, as RestoreCheckpoints does.
        var key = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Path.GetFullPath(backup.Path) + "\n" + target.DisplayUri + "|")))[..16];
        var state = Directory.CreateDirectory(Path.Combine(temp.Path, ".restore-state"));
        await File.WriteAllTextAsync(Path.Combine(state.FullName, key + ".json"), "{ not json");

        var error = await Assert.ThrowsAsync<UserInputException>(() => service.RestoreAsync(target, new RestoreOptions { Tag = "t", BackupRoot = temp.Path, Resume = true }));

        Assert.StartsWith(Path.Combine(state.FullName, key + ".json") + ": the restore checkpoint file is damaged", error.Message, StringComparison.Ordinal);
        Assert.Empty(await target.ListDatabaseNamesAsync());
    }

    [Theory]
    [InlineData("../outside.archive", "a path outside the backup folder")]
    [InlineData("/tmp/outside.archive", "a path outside the backup folder")]
    [InlineData(null, "must list exactly one file, found 0")]
    public async Task An_archive_manifest_naming_a_file_outside_the_backup_or_none_is_refused_before_anything_is_read(string? path, string expected)
    {
        using var temp = new TempFolder();
        var source = await BackupFixtures.SeededStoreAsync();
        var service = BackupFixtures.Service();
        var backup = await service.CreateAsync(source, new BackupOptions { Tag = "a", OutputRoot = temp.Path, Archive = true });
        File.Copy(Path.Combine(backup.Path, "dump.archive"), Path.Combine(temp.Path, "outside.archive"));
        var manifestPath = Path.Combine(backup.Path, Ferry.Core.Backup.Formats.FerryManifest.FileName);
        var manifest = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(manifestPath))!;
        var files = manifest["files"]!.AsArray();
        if (path is null)
        {
            files.Clear();
        }
        else
        {
            files[0]!["path"] = path;
        }

        await File.WriteAllTextAsync(manifestPath, manifest.ToJsonString());
        var target = new InMemoryStore();

        var error = await Assert.ThrowsAsync<OperationFailedException>(() => service.RestoreAsync(target, new RestoreOptions { FromPath = backup.Path, BackupRoot = temp.Path }));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Empty(await target.ListDatabaseNamesAsync());
    }

    [Fact]
    public async Task A_truncated_archive_fails_half_way_naming_what_was_restored()
    {
        using var temp = new TempFolder();
        var source = await BackupFixtures.SeededStoreAsync();
        var service = BackupFixtures.Service();
        var backup = await service.CreateAsync(source, new BackupOptions { Tag = "a", OutputRoot = temp.Path, Archive = true, Parallel = 1 });
        var bytes = await File.ReadAllBytesAsync(Path.Combine(backup.Path, "dump.archive"));
        var cut = temp.Combine("cut.archive");
        await File.WriteAllBytesAsync(cut, bytes[..(bytes.Length - 2000)]);

        var result = await service.RestoreAsync(new InMemoryStore(), new RestoreOptions { FromPath = cut, BackupRoot = temp.Path });
        var error = Assert.IsType<RestoreFailure>(result.Failure);
        Assert.Contains("cut.archive: byte ", error.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        Assert.Equal(["crm.leads", "shop.customers", "shop.empty"], error.Restored);
    }
}

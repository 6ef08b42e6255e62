using Ferry.Core.Backup;
using Ferry.Core.Backup.Formats;
using Ferry.Core.Storage;
using Ferry.Store.Embedded;
using MongoDB.Bson;

namespace Ferry.Core.Tests.Backup;

/// <summary>
/// End to end on the embedded store (real SQLite files): real mongodump output restores and dumps again to the same
/// document bytes with its indexes; every BSON type survives create → verify → restore; validators survive.
/// </summary>
public sealed class EmbeddedStoreBackupTests
{
    [Theory]
    [MemberData(nameof(MongodumpSampleRestoreTests.DumpFolders), MemberType = typeof(MongodumpSampleRestoreTests))]
    public async Task A_real_dump_restores_into_the_embedded_store_and_dumps_again_identically(string relative)
    {
        var from = TestPaths.Sample(relative);
        using var temp = new TempFolder();
        await using var store = new EmbeddedStore(temp.Combine("store"), "file:store");
        var service = BackupFixtures.Service();
        var result = await service.RestoreAsync(store, new RestoreOptions { FromPath = from, BackupRoot = temp.Path });
        if (relative.EndsWith("duplicate_index_key_with_oplog", StringComparison.Ordinal))
        {
            // Its two documents share a: 1 under a unique index: the data restores, the index is refused and reported.
            Assert.Equal(["test.foo: index a_1 not created: E11000 duplicate key error collection: test.foo index: a_1 dup key: { a: 1.0 } (code 11000)"], result.Namespaces.Single().Problems);
            Assert.Equal(2, result.Namespaces.Single().Documents);
            return;
        }

        Assert.True(result.Ok, string.Join("\n", result.Namespaces.SelectMany(n => n.Problems)));

        var databases = await store.ListDatabaseNamesAsync();
        if (databases.Count == 0)
        {
            return;
        }

        var redump = await service.CreateAsync(store, new BackupOptions { Tag = "again", OutputRoot = temp.Path, Databases = databases });
        var verify = await service.VerifyAsync(temp.Path, "again");
        Assert.True(verify.Ok, string.Join("\n", verify.Problems));
        foreach (var ns in result.Namespaces.Where(n => n.Documents > 0))
        {
            var source = Directory.EnumerateFiles(Path.Combine(from, ns.Source[..ns.Source.IndexOf('.', StringComparison.Ordinal)]))
                .Single(f => Path.GetFileName(f) is var name && (name == CollectionFileNames.Escape(ns.Source[(ns.Source.IndexOf('.', StringComparison.Ordinal) + 1)..]) + ".bson" || name == CollectionFileNames.Escape(ns.Source[(ns.Source.IndexOf('.', StringComparison.Ordinal) + 1)..]) + ".bson.gz"));
            var dumped = redump.Manifest.Namespaces.Single(n => n.Namespace == ns.Target);
            var original = await ReadAsync(source);
            var again = await ReadAsync(Path.Combine(redump.Path, dumped.DataFile!));
            Assert.Equal(original.Select(Convert.ToHexString).Order(StringComparer.Ordinal), again.Select(Convert.ToHexString).Order(StringComparer.Ordinal));

            var metadata = MetadataJson.Parse(await File.ReadAllTextAsync(Path.Combine(redump.Path, dumped.MetadataFile!)), dumped.MetadataFile!);
            Assert.Equal(ns.IndexesCreated, metadata.IndexesToCreate().Count);
        }
    }

    [Theory]
    [InlineData("mongo-tools/mongorestore/testdata/indextestdump")]
    [InlineData("mongo-tools/mongorestore/testdata/longindextestdump")]
    [InlineData("mongo-tools/mongorestore/testdata/coll_with_ttl_index")]
    [InlineData("ozlerhakan-tweets/dump")]
    public async Task Real_dump_indexes_reappear_after_a_gzipped_round_trip(string dump)
    {
        using var temp = new TempFolder();
        await using var store = new EmbeddedStore(temp.Combine("store"), "file:store");
        var service = BackupFixtures.Service();
        await service.RestoreAsync(store, new RestoreOptions { FromPath = TestPaths.Sample(dump), BackupRoot = temp.Path });
        var redump = await service.CreateAsync(store, new BackupOptions { Tag = "again", OutputRoot = temp.Path, Gzip = true });
        foreach (var metadataFile in Directory.EnumerateFiles(TestPaths.Sample(dump), "*.metadata.json", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(TestPaths.Sample(dump), metadataFile);
            var original = MetadataJson.Parse(await File.ReadAllTextAsync(metadataFile), relative);
            Assert.NotEmpty(original.IndexesToCreate());
            await using var stream = BackupStreams.OpenRead(Path.Combine(redump.Path, relative + ".gz"));
            var again = MetadataJson.Parse(await new StreamReader(stream).ReadToEndAsync(), relative);
            Assert.Equal(original.IndexesToCreate().Select(i => i["name"].AsString).Order(StringComparer.Ordinal), again.IndexesToCreate().Select(i => i["name"].AsString).Order(StringComparer.Ordinal));
            Assert.Equal(original.IndexesToCreate().Select(i => i["key"].AsBsonDocument.Names.First()), again.IndexesToCreate().Select(i => i["key"].AsBsonDocument.Names.First()));
        }
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public async Task Every_bson_type_survives_the_embedded_store(bool gzip, bool archive)
    {
        // Known gap: the embedded store parses documents with MongoDB.Bson, whose reader has no DBPointer (0x0C)
        // support, so inserts holding one are refused; those corpus cases are left out here (the format layer and the
        // byte-exact in-memory store carry them, see BsonCorpusRoundTripTests).
        var documents = BsonCorpusValidatorTests.Cases("valid", "canonical_bson")
            .Where(c => c.File is not ("dbpointer.json" or "multi-type-deprecated.json"))
            .Select((c, i) => new BsonDocument { { "_id", i }, { "d", new RawBsonDocument(c.Bytes) } }.ToBson())
            .ToList();
        using var temp = new TempFolder();
        await using var source = new EmbeddedStore(temp.Combine("source"), "file:source");
        await source.GetDatabase("corpus").GetCollection("all").BulkWriteAsync(documents.Select(d => (WriteRequest)new InsertRequest(new RawBsonDocument(d))).ToList());
        var service = BackupFixtures.Service();
        await service.CreateAsync(source, new BackupOptions { Tag = "corpus", OutputRoot = temp.Path, Gzip = gzip, Archive = archive });
        Assert.True((await service.VerifyAsync(temp.Path, "corpus")).Ok);

        await using var target = new EmbeddedStore(temp.Combine("target"), "file:target");
        Assert.True((await service.RestoreAsync(target, new RestoreOptions { Tag = "corpus", BackupRoot = temp.Path })).Ok);
        var restored = new List<byte[]>();
        await foreach (var document in target.GetDatabase("corpus").GetCollection("all").ScanAsync())
        {
            restored.Add(document.ToBson());
        }

        Assert.Equal(documents.Select(Convert.ToHexString), restored.Select(Convert.ToHexString));
    }

    [Fact]
    public async Task Validators_and_indexes_survive_and_restore_bypasses_validation()
    {
        using var temp = new TempFolder();
        await using var source = new EmbeddedStore(temp.Combine("source"), "file:source");
        var db = source.GetDatabase("app");
        await db.CreateCollectionAsync("users", BsonDocument.Parse("{ validator: { $jsonSchema: { required: ['email'] } } }"));
        var users = db.GetCollection("users");
        await users.BulkWriteAsync(Enumerable.Range(0, 50).Select(i => (WriteRequest)new InsertRequest(new BsonDocument { { "_id", i }, { "email", $"u{i}@x" } })).ToList());
        await users.BulkWriteAsync([new InsertRequest(new BsonDocument { { "_id", 999 }, { "legacy", true } })], new BulkWriteOptions { BypassDocumentValidation = true });
        await users.CreateIndexesAsync([BsonDocument.Parse("{ key: { email: 1 }, name: 'email_1', unique: true }")]);
        var service = BackupFixtures.Service();
        await service.CreateAsync(source, new BackupOptions { Tag = "v", OutputRoot = temp.Path, Archive = true, Gzip = true });

        await using var target = new EmbeddedStore(temp.Combine("target"), "file:target");
        var result = await service.RestoreAsync(target, new RestoreOptions { Tag = "v", BackupRoot = temp.Path });
        Assert.True(result.Ok, string.Join("\n", result.Namespaces.SelectMany(n => n.Problems)));
        Assert.Equal(51, await target.GetDatabase("app").GetCollection("users").CountAsync());
        // Besides the restored collection, only the (released, empty) run lock the restore held.
        var info = Assert.Single(await target.GetDatabase("app").ListCollectionsAsync(), c => c.Name is not (Ferry.Core.Runs.DatabaseRunLock.CollectionName or Ferry.Core.Runs.RunJournal.CollectionName));
        Assert.True(info.Options.Contains("validator"));
        Assert.Contains(await target.GetDatabase("app").GetCollection("users").ListIndexesAsync(), i => i["name"] == "email_1" && i.GetValue("unique", false).ToBoolean());
    }

    private static async Task<List<byte[]>> ReadAsync(string path)
    {
        await using var stream = BackupStreams.OpenRead(path);
        return await new BsonStreamReader(stream, path).ReadAllAsync().ToListAsync();
    }
}

using Ferry.Core.Backup;
using Ferry.Core.Backup.Formats;
using Ferry.Core.Errors;

namespace Ferry.Core.Tests.Backup;

/// <summary>
/// Every real mongodump output in tests/data/mongodump-samples restores into a store, and dumping the store
/// again yields the same document bytes (in the store's _id order) and the same secondary indexes.
/// </summary>
public sealed class MongodumpSampleRestoreTests
{
    public static TheoryData<string> DumpFolders() =>
    [
        "ozlerhakan-tweets/dump",
        "mongo-tools/mongorestore/testdata/testdirs",
        "mongo-tools/mongorestore/testdata/oplogdump",
        "mongo-tools/mongorestore/testdata/oplogdumpmaxsize",
        "mongo-tools/mongorestore/testdata/foodump",
        "mongo-tools/mongorestore/testdata/coll_with_index",
        "mongo-tools/mongorestore/testdata/coll_with_ttl_index",
        "mongo-tools/mongorestore/testdata/coll_without_index",
        "mongo-tools/mongorestore/testdata/coll_with_geohaystack_index",
        "mongo-tools/mongorestore/testdata/indextestdump",
        "mongo-tools/mongorestore/testdata/longindextestdump",
        "mongo-tools/mongorestore/testdata/indexmetadata",
        "mongo-tools/mongorestore/testdata/duplicate_index_key",
        "mongo-tools/mongorestore/testdata/duplicate_index_key_with_oplog",
        "mongo-tools/mongorestore/testdata/collMod_ttl_index",
        "mongo-tools/mongorestore/testdata/specialcharacter",
        "mongo-tools/mongorestore/testdata/usersdump",
        "mongo-tools/mongorestore/testdata/dump_local_oplog",
        "mongo-tools/mongorestore/testdata/timeseries_tests/ts_dump",
        "mongo-tools/mongorestore/testdata/timeseries_tests/ts_dump_with_oplog",
        "mongo-tools/mongorestore/testdata/timeseries_tests/ts_dump_invalid_buckets",
        "mongo-tools/mongorestore/testdata/prelude_test/prelude_gzip",
        "mongo-tools/mongorestore/testdata/prelude_test/prelude_top_level",
        "mongo-tools/mongorestore/testdata/prelude_test/server_version_unknown",
        "mongo-tools/test/qa-tests/jstests/restore/testdata/dump_with_oplog",
        "mongo-tools/test/qa-tests/jstests/restore/testdata/dump_with_soft_links",
        "mongo-tools/test/qa-tests/jstests/restore/testdata/dump_extended_json_options",
        "mongo-tools/test/qa-tests/jstests/restore/testdata/dump_ordered_partial_index",
    ];

    public static TheoryData<string, int, bool> Archives() => new()
    {
        { "mongo-tools/mongorestore/testdata/test.bar.archive", 2, false },
        { "mongo-tools/mongorestore/testdata/test.bar.archive", 2, true },
        { "mongo-tools/mongorestore/testdata/dump-w-oplog.archive", -1, false },
        { "mongo-tools/mongorestore/testdata/timeseries_tests/dump.archive", -1, false },
        { "mongo-tools/mongorestore/testdata/timeseries_tests/dump.archive", -1, true },
    };

    [Theory]
    [MemberData(nameof(DumpFolders))]
    public async Task A_real_dump_folder_restores_and_dumps_again_to_the_same_bytes(string relative)
    {
        var from = TestPaths.Sample(relative);
        using var temp = new TempFolder();
        var service = BackupFixtures.Service();
        var store = new InMemoryStore();
        var result = await service.RestoreAsync(store, new RestoreOptions { FromPath = from, BackupRoot = temp.Path });
        Assert.True(result.Ok, string.Join("\n", result.Namespaces.SelectMany(n => n.Problems)));
        if (File.Exists(Path.Combine(from, "oplog.bson")))
        {
            Assert.Contains(result.Warnings, w => w.StartsWith("oplog.bson: oplog skipped", StringComparison.Ordinal));
        }

        var dataFiles = Directory.EnumerateDirectories(from)
            .SelectMany(db => Directory.EnumerateFiles(db).Where(f => (f.EndsWith(".bson", StringComparison.Ordinal) || f.EndsWith(".bson.gz", StringComparison.Ordinal)) && !f.Contains("system.indexes", StringComparison.Ordinal)))
            .ToList();
        if (!await store.ListDatabaseNamesAsync().ContinueWith(t => t.Result.Count > 0))
        {
            Assert.All(dataFiles, f => Assert.Equal(0, new FileInfo(f).Length));
            return;
        }

        var redump = await service.CreateAsync(store, new BackupOptions { Tag = "again", OutputRoot = temp.Path, Databases = await store.ListDatabaseNamesAsync() });
        foreach (var file in dataFiles)
        {
            var database = Path.GetFileName(Path.GetDirectoryName(file)!);
            var name = Path.GetFileName(file);
            var original = await ReadDocumentsAsync(file);
            var again = Path.Combine(redump.Path, database, name.Replace(".gz", string.Empty, StringComparison.Ordinal));
            Assert.True(File.Exists(again), $"{database}/{name} was not dumped again");
            Assert.Equal(original.Order(ByteOrder.Instance), (await ReadDocumentsAsync(again)).Order(ByteOrder.Instance));
            Assert.Equal(original.Sum(d => (long)d.Length), new FileInfo(again).Length);
        }

        foreach (var ns in result.Namespaces.Where(n => n.Ok))
        {
            var metadataFile = redump.Manifest.Namespaces.SingleOrDefault(n => n.Namespace == ns.Target)?.MetadataFile;
            if (metadataFile is null)
            {
                continue;
            }

            var dumped = MetadataJson.Parse(await File.ReadAllTextAsync(Path.Combine(redump.Path, metadataFile)), metadataFile);
            Assert.Equal(ns.IndexesCreated, dumped.IndexesToCreate().Count);
        }
    }

    [Fact]
    public async Task Legacy_system_indexes_are_read_as_indexes_not_restored_as_a_collection()
    {
        using var temp = new TempFolder();
        var dump = temp.Combine("dump", "dbOne");
        Directory.CreateDirectory(dump);
        File.Copy(TestPaths.MongoTools("test/qa-tests/jstests/restore/testdata/dump_with_soft_links/dbOne/data.bson"), Path.Combine(dump, "data.bson"));
        var legacy = new[]
        {
            MongoDB.Bson.BsonDocument.Parse("{ v: 1, key: { _id: 1 }, name: '_id_', ns: 'dbOne.data' }"),
            MongoDB.Bson.BsonDocument.Parse("{ v: 1, key: { a: 1 }, name: 'a_1', ns: 'dbOne.data', sparse: true }"),
        };
        await File.WriteAllBytesAsync(Path.Combine(dump, "system.indexes.bson"), legacy.SelectMany(d => MongoDB.Bson.BsonExtensionMethods.ToBson(d)).ToArray());

        var store = new InMemoryStore();
        var result = await BackupFixtures.Service().RestoreAsync(store, new RestoreOptions { FromPath = temp.Combine("dump"), BackupRoot = temp.Path });
        Assert.Equal(["dbOne.data"], result.Namespaces.Select(n => n.Target));
        var indexes = await store.GetDatabase("dbOne").GetCollection("data").ListIndexesAsync();
        Assert.Equal(MongoDB.Bson.BsonDocument.Parse("{ v: 2, key: { a: 1 }, name: 'a_1', sparse: true }"), indexes[1]);
    }

    [Fact]
    public async Task Percent_encoded_file_names_restore_under_their_real_name()
    {
        using var temp = new TempFolder();
        var store = new InMemoryStore();
        var result = await BackupFixtures.Service().RestoreAsync(store, new RestoreOptions { FromPath = TestPaths.MongoTools("mongorestore/testdata/specialcharacter"), BackupRoot = temp.Path });
        Assert.Equal("db1.cafés", Assert.Single(result.Namespaces).Target);
        Assert.Equal(1, await store.GetDatabase("db1").GetCollection("cafés").CountAsync());
    }

    [Theory]
    [MemberData(nameof(Archives))]
    public async Task A_real_archive_restores_every_document(string relative, int namespaces, bool gzipped)
    {
        using var temp = new TempFolder();
        var plain = TestPaths.Sample(relative);
        var path = gzipped ? GzippedArchive.Create(plain, temp.Path) : plain;
        var expected = new Dictionary<string, List<byte[]>>(StringComparer.Ordinal);
        await using (var stream = BackupStreams.OpenRead(plain))
        {
            var reader = await ArchiveReader.OpenAsync(stream, relative);
            while (await reader.ReadNextAsync() is { } item)
            {
                if (item.Document is not null && item.Database.Length > 0)
                {
                    expected.TryAdd(item.Namespace, []);
                    expected[item.Namespace].Add(item.Document);
                }
            }
        }

        var store = new InMemoryStore();
        var result = await BackupFixtures.Service().RestoreAsync(store, new RestoreOptions { FromPath = path, BackupRoot = temp.Path });
        Assert.True(result.Ok, string.Join("\n", result.Namespaces.SelectMany(n => n.Problems)));
        if (namespaces > 0)
        {
            Assert.Equal(namespaces, result.Namespaces.Count);
        }

        foreach (var (ns, documents) in expected)
        {
            var dot = ns.IndexOf('.', StringComparison.Ordinal);
            Assert.Equal(documents.Order(ByteOrder.Instance), BackupFixtures.Raw(store, ns[..dot], ns[(dot + 1)..]).Order(ByteOrder.Instance));
        }
    }

    [Fact]
    public async Task The_bad_format_archive_is_rejected_before_anything_is_written()
    {
        using var temp = new TempFolder();
        var store = new InMemoryStore();
        var error = await Assert.ThrowsAnyAsync<UserInputException>(() =>
            BackupFixtures.Service().RestoreAsync(store, new RestoreOptions { FromPath = TestPaths.MongoTools("mongorestore/testdata/bad-format.archive"), BackupRoot = temp.Path }));
        Assert.Contains("bad-format.archive", error.Message, StringComparison.Ordinal);
        Assert.Empty(await store.ListDatabaseNamesAsync());
    }

    [Fact]
    public async Task A_broken_bson_file_in_a_dump_fails_the_restore_with_file_and_offset()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Combine("dump", "db"));
        File.Copy(TestPaths.MongoTools("bsondump/testdata/bad_type.bson"), temp.Combine("dump", "db", "c.bson"));
        var result = await BackupFixtures.Service().RestoreAsync(new InMemoryStore(), new RestoreOptions { FromPath = temp.Combine("dump"), BackupRoot = temp.Path });
        Assert.False(result.Ok);
        var error = Assert.IsType<RestoreFailure>(result.Failure);
        Assert.Equal("db.c", error.FailedNamespace);
        Assert.Contains("db/c.bson: byte 21: ", error.Message, StringComparison.Ordinal);
    }

    private static async Task<List<byte[]>> ReadDocumentsAsync(string path)
    {
        await using var stream = BackupStreams.OpenRead(path);
        return await new BsonStreamReader(stream, path).ReadAllAsync().ToListAsync();
    }

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}

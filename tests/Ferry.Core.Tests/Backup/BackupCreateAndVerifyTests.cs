using Ferry.Core.Backup;
using Ferry.Core.Backup.Formats;
using Ferry.Core.Errors;
using MongoDB.Bson;

namespace Ferry.Core.Tests.Backup;

public sealed class BackupCreateAndVerifyTests
{
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public async Task A_backup_verifies_and_lists_with_its_counts(bool gzip, bool archive)
    {
        using var temp = new TempFolder();
        var store = await BackupFixtures.SeededStoreAsync();
        var service = BackupFixtures.Service();
        var result = await service.CreateAsync(store, new BackupOptions { Tag = "t1", OutputRoot = temp.Path, Gzip = gzip, Archive = archive });

        Assert.Equal(377, result.Manifest.DocumentCount);
        Assert.Equal(["crm", "shop"], result.Manifest.Databases);
        Assert.Equal("mongodb://admin:***@db.example:27017", result.Manifest.Source);
        Assert.Equal(archive ? 1 : 8, result.Manifest.Files.Count);
        foreach (var file in result.Manifest.Files)
        {
            var info = new FileInfo(Path.Combine(result.Path, file.Path));
            Assert.Equal(info.Length, file.Size);
        }

        var report = await service.VerifyAsync(temp.Path, "t1");
        Assert.True(report.Ok, string.Join("\n", report.Problems));
        Assert.Equal(377, report.DocumentsChecked);

        var entry = Assert.Single(await service.ListAsync(temp.Path));
        Assert.Equal("t1", entry.Tag);
        Assert.True(entry.Verification?.Ok);
        Assert.Equal(report.At, entry.Verification!.At);
    }

    [Fact]
    public async Task Directory_backups_use_mongodump_file_names_and_raw_bytes()
    {
        using var temp = new TempFolder();
        var store = await BackupFixtures.SeededStoreAsync();
        var result = await BackupFixtures.Service().CreateAsync(store, new BackupOptions { Tag = "t", OutputRoot = temp.Path, Databases = ["shop"] });

        var bytes = await File.ReadAllBytesAsync(Path.Combine(result.Path, "shop", "customers.bson"));
        Assert.Equal(BackupFixtures.Raw(store, "shop", "customers").SelectMany(b => b).ToArray(), bytes);
        var metadata = MetadataJson.Parse(await File.ReadAllTextAsync(Path.Combine(result.Path, "shop", "customers.metadata.json")), "m");
        Assert.Equal(BackupFixtures.Validator, metadata.Options);
        Assert.Equal(["_id_", "email_1"], metadata.Indexes.Select(i => i["name"].AsString));
        Assert.Equal("customers", metadata.CollectionName);
        Assert.Equal(0, new FileInfo(Path.Combine(result.Path, "shop", "empty.bson")).Length);
        Assert.False(Directory.Exists(Path.Combine(result.Path, "crm")));
    }

    [Fact]
    public async Task Emergency_backups_get_the_prefix_and_the_flag()
    {
        using var temp = new TempFolder();
        var store = await BackupFixtures.SeededStoreAsync();
        var result = await BackupFixtures.Service().CreateAsync(store, new BackupOptions { Tag = "before-fix", OutputRoot = temp.Path, Emergency = true });
        Assert.Equal("emergency-before-fix", result.Tag);
        var entry = Assert.Single(await BackupFixtures.Service().ListAsync(temp.Path));
        Assert.True(entry.Manifest.Emergency);
        Assert.Null(entry.Verification);
    }

    [Fact]
    public async Task A_failed_backup_leaves_nothing_listed_or_restorable()
    {
        using var temp = new TempFolder();
        var store = await BackupFixtures.SeededStoreAsync();
        var service = BackupFixtures.Service();
        using var cancel = new CancellationTokenSource();
        var progress = new SyncProgress(p =>
        {
            if (p.Documents >= 100)
            {
                cancel.Cancel();
            }
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            service.CreateAsync(store, new BackupOptions { Tag = "half", OutputRoot = temp.Path, BatchSize = 10, Parallel = 1 }, progress, cancel.Token));

        // A killed process cannot clean up: simulate its leftover temporary folder too.
        Directory.CreateDirectory(Path.Combine(temp.Path, ".tmp-half-123", "shop"));
        await File.WriteAllTextAsync(Path.Combine(temp.Path, ".tmp-half-123", FerryManifest.FileName), "{}");
        Assert.Empty(await service.ListAsync(temp.Path));
        Assert.Throws<UserInputException>(() => new BackupCatalog(temp.Path).FolderOf("half"));
        Assert.Null(await service.LastGoodAsync(temp.Path));
    }

    [Fact]
    public async Task An_existing_tag_is_refused()
    {
        using var temp = new TempFolder();
        var store = await BackupFixtures.SeededStoreAsync();
        var service = BackupFixtures.Service();
        await service.CreateAsync(store, new BackupOptions { Tag = "same", OutputRoot = temp.Path });
        var error = await Assert.ThrowsAsync<UserInputException>(() => service.CreateAsync(store, new BackupOptions { Tag = "same", OutputRoot = temp.Path }));
        Assert.Contains("already exists", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../up")]
    [InlineData("")]
    [InlineData(".hidden")]
    [InlineData("a/b")]
    public async Task Unsafe_tags_are_refused(string tag)
    {
        using var temp = new TempFolder();
        var store = await BackupFixtures.SeededStoreAsync();
        await Assert.ThrowsAsync<UserInputException>(() => BackupFixtures.Service().CreateAsync(store, new BackupOptions { Tag = tag, OutputRoot = temp.Path }));
    }

    [Fact]
    public async Task Unknown_databases_and_collections_are_bad_input()
    {
        using var temp = new TempFolder();
        var store = await BackupFixtures.SeededStoreAsync();
        var service = BackupFixtures.Service();
        await Assert.ThrowsAsync<UserInputException>(() => service.CreateAsync(store, new BackupOptions { Tag = "x", OutputRoot = temp.Path, Databases = ["nope"] }));
        await Assert.ThrowsAsync<UserInputException>(() => service.CreateAsync(store, new BackupOptions { Tag = "x", OutputRoot = temp.Path, Collections = ["nope"] }));
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public async Task Collections_option_limits_the_backup()
    {
        using var temp = new TempFolder();
        var store = await BackupFixtures.SeededStoreAsync();
        var result = await BackupFixtures.Service().CreateAsync(store, new BackupOptions { Tag = "x", OutputRoot = temp.Path, Databases = ["all"], Collections = ["orders", "leads"] });
        Assert.Equal(["crm.leads", "shop.orders"], result.Manifest.Namespaces.Select(n => n.Namespace));
        Assert.Equal(127, result.Manifest.DocumentCount);
    }

    [Fact]
    public async Task Verify_reports_a_flipped_byte_with_file_and_offset()
    {
        using var temp = new TempFolder();
        var store = await BackupFixtures.SeededStoreAsync();
        var service = BackupFixtures.Service();
        var result = await service.CreateAsync(store, new BackupOptions { Tag = "t", OutputRoot = temp.Path });
        var path = Path.Combine(result.Path, "shop", "orders.bson");
        var bytes = await File.ReadAllBytesAsync(path);
        var secondDocument = BitConverter.ToInt32(bytes, 0);
        bytes[secondDocument + 4] = 0x77; // the first element's type byte of document 2
        await File.WriteAllBytesAsync(path, bytes);

        var report = await service.VerifyAsync(temp.Path, "t");
        Assert.False(report.Ok);
        Assert.Contains(report.Problems, p => p.File == "shop/orders.bson" && p.Offset == secondDocument + 4 && p.Message.Contains("unknown element type 0x77", StringComparison.Ordinal));
        Assert.Contains(report.Problems, p => p.File == "shop/orders.bson" && p.Message.StartsWith("SHA-256", StringComparison.Ordinal));
        var entry = Assert.Single(await service.ListAsync(temp.Path));
        Assert.False(entry.Verification!.Ok);
    }

    [Fact]
    public async Task Verify_reports_truncation_missing_files_and_changed_sizes()
    {
        using var temp = new TempFolder();
        var store = await BackupFixtures.SeededStoreAsync();
        var service = BackupFixtures.Service();
        var result = await service.CreateAsync(store, new BackupOptions { Tag = "t", OutputRoot = temp.Path });
        var orders = Path.Combine(result.Path, "shop", "orders.bson");
        var length = new FileInfo(orders).Length;
        await using (var file = new FileStream(orders, FileMode.Open))
        {
            file.SetLength(length - 3);
        }

        File.Delete(Path.Combine(result.Path, "crm", "leads.metadata.json"));
        var report = await service.VerifyAsync(temp.Path, "t");
        var lines = report.Problems.Select(p => p.ToString()).ToList();
        Assert.Contains($"shop/orders.bson: size is {length - 3} bytes, the manifest says {length}", lines);
        Assert.Contains(lines, l => l.StartsWith("shop/orders.bson: byte ", StringComparison.Ordinal) && l.Contains("truncated", StringComparison.Ordinal));
        Assert.Contains("crm/leads.metadata.json: file is missing", lines);
    }

    [Fact]
    public async Task Verify_reports_a_corrupted_archive_crc()
    {
        using var temp = new TempFolder();
        var store = await BackupFixtures.SeededStoreAsync();
        var service = BackupFixtures.Service();
        var result = await service.CreateAsync(store, new BackupOptions { Tag = "a", OutputRoot = temp.Path, Archive = true });
        var path = Path.Combine(result.Path, "dump.archive");
        var bytes = await File.ReadAllBytesAsync(path);
        var marker = "customer 17"u8.ToArray();
        var at = bytes.AsSpan().IndexOf(marker);
        bytes[at + 9] = (byte)'8'; // still valid BSON: only the CRC can notice
        await File.WriteAllBytesAsync(path, bytes);

        var report = await service.VerifyAsync(temp.Path, "a");
        Assert.Contains(report.Problems, p => p.File == "dump.archive" && p.Message.Contains("CRC of shop.customers", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Last_good_skips_a_newer_corrupted_backup()
    {
        using var temp = new TempFolder();
        var store = await BackupFixtures.SeededStoreAsync();
        var service = BackupFixtures.Service();
        await service.CreateAsync(store, new BackupOptions { Tag = "older", OutputRoot = temp.Path });
        var newer = await service.CreateAsync(store, new BackupOptions { Tag = "newer", OutputRoot = temp.Path, Gzip = true });
        var gz = Path.Combine(newer.Path, "shop", "orders.bson.gz");
        var bytes = await File.ReadAllBytesAsync(gz);
        bytes[bytes.Length / 2] ^= 0xff;
        await File.WriteAllBytesAsync(gz, bytes);

        Assert.Equal(["newer", "older"], (await service.ListAsync(temp.Path)).Select(e => e.Tag));
        var good = await service.LastGoodAsync(temp.Path);
        Assert.Equal("older", good?.Entry.Tag);
        var listed = await service.ListAsync(temp.Path);
        Assert.False(listed[0].Verification!.Ok);
        Assert.True(listed[1].Verification!.Ok);
    }

    [Fact]
    public async Task Large_gzip_files_are_multi_member_gzip_that_decompress_to_the_raw_documents()
    {
        using var temp = new TempFolder();
        var store = new InMemoryStore();
        var big = (InMemoryCollection)store.GetDatabase("big").GetCollection("docs");
        await big.SeedAsync(Enumerable.Range(0, 3000).Select(i => new BsonDocument { { "_id", i }, { "text", new string((char)('a' + (i % 26)), 1000) }, { "n", i * 7919 % 1000 } }));
        var service = BackupFixtures.Service();
        var result = await service.CreateAsync(store, new BackupOptions { Tag = "gz", OutputRoot = temp.Path, Gzip = true });

        var gz = Path.Combine(result.Path, "big", "docs.bson.gz");
        var members = CountGzipMembers(await File.ReadAllBytesAsync(gz));
        Assert.True(members > 1, $"expected several gzip members, found {members}");
        await using (var file = File.OpenRead(gz))
        await using (var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionMode.Decompress))
        using (var plain = new MemoryStream())
        {
            await gzip.CopyToAsync(plain);
            Assert.Equal(BackupFixtures.Raw(store, "big", "docs").SelectMany(d => d).ToArray(), plain.ToArray());
        }

        Assert.True((await service.VerifyAsync(temp.Path, "gz")).Ok);
        var target = new InMemoryStore();
        Assert.True((await service.RestoreAsync(target, new RestoreOptions { Tag = "gz", BackupRoot = temp.Path })).Ok);
        Assert.Equal(BackupFixtures.Raw(store, "big", "docs"), BackupFixtures.Raw(target, "big", "docs"));
    }

    /// <summary>Counts gzip member headers (1f 8b 08, no flags, zero mtime — what .NET writes); 8 fixed bytes rarely occur by chance.</summary>
    private static int CountGzipMembers(byte[] bytes)
    {
        byte[] header = [0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00];
        var count = 0;
        for (var at = bytes.AsSpan().IndexOf(header); at >= 0;)
        {
            count++;
            var next = bytes.AsSpan(at + 1).IndexOf(header);
            at = next < 0 ? -1 : at + 1 + next;
        }

        return count;
    }

    internal sealed class SyncProgress(Action<BackupProgress> report) : IProgress<BackupProgress>
    {
        public void Report(BackupProgress value) => report(value);
    }
}

using Ferry.Core.Backup.Formats;
using MongoDB.Bson;

namespace Ferry.Core.Tests.Backup;

public sealed class ArchiveFormatTests
{
    [Theory]
    [InlineData("mongo-tools/mongorestore/testdata/test.bar.archive", "admin.system.version=1,test.bar=1")]
    [InlineData("mongo-tools/mongorestore/testdata/dump-w-oplog.archive", null)]
    [InlineData("mongo-tools/mongorestore/testdata/timeseries_tests/dump.archive", null)]
    public async Task Real_archives_read_completely_with_matching_crcs(string relative, string? expectedCounts)
    {
        var (prelude, counts) = await ReadAllAsync(TestPaths.Sample(relative), relative);
        Assert.NotEmpty(prelude.Namespaces);
        Assert.Equal(ArchiveHeader.FormatVersion, prelude.Header.Version);
        foreach (var entry in prelude.Namespaces)
        {
            var metadata = MetadataJson.Parse(entry.MetadataJson, entry.Namespace);
            var hasData = !metadata.IsTimeSeries && !metadata.IsView;
            Assert.True(!hasData || counts.ContainsKey(entry.Namespace), $"{entry.Namespace} has no EOF block");
            if (metadata.IsTimeSeries)
            {
                Assert.True(counts.ContainsKey($"{entry.Database}.system.buckets.{entry.Collection}"), $"{entry.Namespace} has no buckets");
            }
        }

        if (expectedCounts is not null)
        {
            Assert.Equal(expectedCounts, string.Join(',', counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}")));
        }
    }

    [Theory]
    [InlineData("mongorestore/testdata/test.bar.archive")]
    [InlineData("mongorestore/testdata/dump-w-oplog.archive")]
    [InlineData("mongorestore/testdata/timeseries_tests/dump.archive")]
    public async Task A_gzipped_archive_reads_exactly_like_the_plain_one(string relative)
    {
        using var temp = new TempFolder();
        var plain = await ReadAllAsync(TestPaths.MongoTools(relative), relative);
        var gzipped = await ReadAllAsync(GzippedArchive.Create(TestPaths.MongoTools(relative), temp.Path), relative + ".gz");
        Assert.Equal(plain.Prelude.Namespaces.Select(n => (n.Namespace, n.MetadataJson)), gzipped.Prelude.Namespaces.Select(n => (n.Namespace, n.MetadataJson)));
        Assert.Equal(plain.Counts, gzipped.Counts);
    }

    [Fact]
    public async Task Bad_format_archive_is_rejected_clearly_at_its_metadata()
    {
        var error = await Assert.ThrowsAsync<BackupFormatException>(async () =>
        {
            var (prelude, _) = await ReadAllAsync(TestPaths.MongoTools("mongorestore/testdata/bad-format.archive"), "bad-format.archive");
            foreach (var entry in prelude.Namespaces)
            {
                MetadataJson.Parse(entry.MetadataJson, $"bad-format.archive: metadata of {entry.Namespace}");
            }
        });
        Assert.Contains("test.ixtest", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_truncation_of_a_real_archive_is_a_format_error()
    {
        var bytes = await File.ReadAllBytesAsync(TestPaths.MongoTools("mongorestore/testdata/test.bar.archive"));
        for (var length = 0; length < bytes.Length; length++)
        {
            var cut = length;
            var error = await Assert.ThrowsAsync<BackupFormatException>(() => ReadAllAsync(new MemoryStream(bytes[..cut]), "cut"));
            Assert.InRange(error.Offset, 0, cut);
        }
    }

    [Fact]
    public async Task Flipped_bytes_never_escape_as_anything_but_a_format_error()
    {
        var bytes = await File.ReadAllBytesAsync(TestPaths.MongoTools("mongorestore/testdata/test.bar.archive"));
        var rejected = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            var corrupt = (byte[])bytes.Clone();
            corrupt[i] ^= 0x5a;
            try
            {
                await ReadAllAsync(new MemoryStream(corrupt), "flip");
            }
            catch (BackupFormatException)
            {
                rejected++;
            }
        }

        // Flips inside header strings or metadata text can leave a readable archive; flips in documents break the CRC.
        Assert.True(rejected > bytes.Length / 2, $"only {rejected} of {bytes.Length} corruptions were detected");
    }

    [Fact]
    public async Task Written_archives_read_back_with_the_same_documents_and_crcs()
    {
        var docs = Enumerable.Range(0, 5).Select(i => new BsonDocument { { "_id", i }, { "s", new string('z', i) } }.ToBson()).ToList();
        using var buffer = new MemoryStream();
        using var writer = new ArchiveWriter(buffer);
        await writer.WritePreludeAsync(new ArchiveHeader(2, "0.1", "8.0.0", "ferry-test"), [
            new ArchiveNamespaceEntry("d", "a", "{\"indexes\":[]}", 0, "collection"),
            new ArchiveNamespaceEntry("d", "b", "{\"indexes\":[]}", 0, "collection"),
        ]);
        await writer.WriteSegmentAsync("d", "a", docs.Take(2).Select(d => (ReadOnlyMemory<byte>)d).ToList());
        await writer.WriteSegmentAsync("d", "b", docs.Take(1).Select(d => (ReadOnlyMemory<byte>)d).ToList());
        await writer.WriteSegmentAsync("d", "a", docs.Skip(2).Select(d => (ReadOnlyMemory<byte>)d).ToList());
        await writer.WriteEndOfNamespaceAsync("d", "b");
        await writer.WriteEndOfNamespaceAsync("d", "a");
        Assert.Equal(buffer.Length, writer.Position);

        buffer.Position = 0;
        var reader = await ArchiveReader.OpenAsync(buffer, "mem");
        var seen = new List<string>();
        while (await reader.ReadNextAsync() is { } item)
        {
            seen.Add(item.IsEndOfNamespace ? $"end {item.Namespace}" : $"{item.Namespace} {BsonSerializerHelper.Id(item.Document!)}");
        }

        Assert.Equal(["d.a 0", "d.a 1", "d.b 0", "d.a 2", "d.a 3", "d.a 4", "end d.b", "end d.a"], seen);
    }

    [Fact]
    public async Task A_wrong_crc_is_reported_at_the_eof_block()
    {
        using var buffer = new MemoryStream();
        using var writer = new ArchiveWriter(buffer);
        await writer.WritePreludeAsync(new ArchiveHeader(1, "0.1", "", "t"), [new ArchiveNamespaceEntry("d", "a", "{}", 0, null)]);
        await writer.WriteSegmentAsync("d", "a", [new BsonDocument("_id", 1).ToBson()]);
        await writer.WriteEndOfNamespaceAsync("d", "a");
        var bytes = buffer.ToArray();
        bytes[^6] ^= 0x01; // last byte of the CRC: the EOF block ends CRC, 0x00, then the terminator ff ff ff ff
        var error = await Assert.ThrowsAsync<BackupFormatException>(() => ReadAllAsync(new MemoryStream(bytes), "crc"));
        Assert.Contains("CRC of d.a", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("..", "x")]
    [InlineData("d", "../../etc/passwd")]
    [InlineData("d/e", "x")]
    public async Task Archives_with_path_escaping_namespaces_are_rejected(string database, string collection)
    {
        using var buffer = new MemoryStream();
        using var writer = new ArchiveWriter(buffer);
        await writer.WritePreludeAsync(new ArchiveHeader(1, "0.1", "", "t"), [new ArchiveNamespaceEntry(database, collection, "{}", 0, null)]);
        buffer.Position = 0;
        var error = await Assert.ThrowsAsync<BackupFormatException>(() => ArchiveReader.OpenAsync(buffer, "evil.archive"));
        Assert.Contains("not allowed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Consecutive_terminators_are_rejected()
    {
        using var buffer = new MemoryStream();
        using var writer = new ArchiveWriter(buffer);
        await writer.WritePreludeAsync(new ArchiveHeader(1, "0.1", "", "t"), []);
        buffer.Write([0xff, 0xff, 0xff, 0xff]);
        buffer.Position = 0;
        var error = await Assert.ThrowsAsync<BackupFormatException>(() => ReadAllAsync(buffer, "t.archive"));
        Assert.Contains("two consecutive terminators", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plain_bson_file_is_not_mistaken_for_an_archive()
    {
        var error = await Assert.ThrowsAsync<BackupFormatException>(() => ArchiveReader.OpenAsync(new MemoryStream(new BsonDocument("a", 1).ToBson()), "x"));
        Assert.Contains("magic number", error.Message, StringComparison.Ordinal);
    }

    private static async Task<(ArchivePrelude Prelude, Dictionary<string, long> Counts)> ReadAllAsync(string path, string label)
    {
        await using var stream = BackupStreams.OpenRead(path);
        return await ReadAllAsync(stream, label);
    }

    private static async Task<(ArchivePrelude Prelude, Dictionary<string, long> Counts)> ReadAllAsync(Stream stream, string label)
    {
        var reader = await ArchiveReader.OpenAsync(stream, label);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadNextAsync() is { } item)
        {
            counts.TryAdd(item.Namespace, 0);
            if (!item.IsEndOfNamespace)
            {
                counts[item.Namespace]++;
            }
        }

        return (reader.Prelude, counts);
    }
}

internal static class BsonSerializerHelper
{
    public static string Id(byte[] document) => new RawBsonDocument(document)["_id"].ToString()!;
}

using Ferry.Core.Backup.Formats;

namespace Ferry.Core.Tests.Backup;

public sealed class BsonStreamReaderTests
{
    private static readonly string[] BrokenFiles =
    [
        "bsondump/testdata/bad_cstring.bson",
        "bsondump/testdata/bad_type.bson",
        "bsondump/testdata/broken_array.bson",
        "bsondump/testdata/invalid_field_name.bson",
        "bsondump/testdata/partial_file.bson",
        "bsondump/testdata/random_bytes.bson",
    ];

    public static TheoryData<string> GoodBsonFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(TestPaths.MongodumpSamples, "*.bson", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(TestPaths.MongodumpSamples, file).Replace('\\', '/');
            if (!BrokenFiles.Any(b => relative.EndsWith(b, StringComparison.Ordinal)))
            {
                data.Add(relative);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(GoodBsonFiles))]
    public async Task Every_real_mongodump_bson_file_reads_to_its_end(string relative)
    {
        var path = TestPaths.Sample(relative);
        await using var stream = BackupStreams.OpenRead(path);
        var reader = new BsonStreamReader(stream, relative);
        long bytes = 0;
        await foreach (var document in reader.ReadAllAsync())
        {
            bytes += document.Length;
        }

        Assert.Equal(new FileInfo(path).Length, bytes);
        Assert.Equal(bytes, reader.Offset);
    }

    [Theory]
    [InlineData("bsondump/testdata/bad_cstring.bson")]
    [InlineData("bsondump/testdata/bad_type.bson")]
    [InlineData("bsondump/testdata/broken_array.bson")]
    [InlineData("bsondump/testdata/invalid_field_name.bson")]
    [InlineData("bsondump/testdata/partial_file.bson")]
    [InlineData("bsondump/testdata/random_bytes.bson")]
    public async Task Deliberately_broken_bson_files_are_rejected_with_file_and_offset(string relative)
    {
        await using var stream = BackupStreams.OpenRead(TestPaths.MongoTools(relative));
        var reader = new BsonStreamReader(stream, relative);
        var error = await Assert.ThrowsAsync<BackupFormatException>(async () =>
        {
            await foreach (var unused in reader.ReadAllAsync())
            {
            }
        });
        Assert.Equal(relative, error.File);
        Assert.StartsWith($"{relative}: byte {error.Offset}: ", error.Message, StringComparison.Ordinal);
        Assert.InRange(error.Offset, 0, new FileInfo(TestPaths.MongoTools(relative)).Length);
    }

    [Fact]
    public async Task Bad_type_is_reported_at_the_type_byte()
    {
        await using var stream = BackupStreams.OpenRead(TestPaths.MongoTools("bsondump/testdata/bad_type.bson"));
        var reader = new BsonStreamReader(stream, "bad_type.bson");
        var error = await Assert.ThrowsAsync<BackupFormatException>(async () =>
        {
            while (await reader.ReadNextAsync() is not null)
            {
            }
        });
        Assert.Equal(21, error.Offset);
        Assert.Contains("unknown element type 0xaa", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gzipped_bson_reads_like_plain_bson()
    {
        var gz = TestPaths.MongoTools("mongorestore/testdata/prelude_test/prelude_gzip/test/foo.bson.gz");
        var plain = TestPaths.MongoTools("mongorestore/testdata/prelude_test/prelude_top_level/test/foo.bson");
        await using var gzStream = BackupStreams.OpenRead(gz);
        var fromGz = await new BsonStreamReader(gzStream, "gz").ReadAllAsync().ToListAsync();
        Assert.Equal(await File.ReadAllBytesAsync(plain), fromGz.SelectMany(d => d).ToArray());
    }

    [Fact]
    public async Task A_truncated_length_prefix_is_reported_as_truncated()
    {
        var reader = new BsonStreamReader(new MemoryStream([0x05, 0x00, 0x00, 0x00, 0x00, 0x05, 0x00]), "x.bson");
        Assert.NotNull(await reader.ReadNextAsync());
        var error = await Assert.ThrowsAsync<BackupFormatException>(async () => await reader.ReadNextAsync());
        Assert.Equal(5, error.Offset);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_document_over_16_MiB_is_rejected_before_it_is_read()
    {
        var reader = new BsonStreamReader(new MemoryStream([0x01, 0x00, 0x00, 0x02, 0x00]), "big.bson");
        var error = await Assert.ThrowsAsync<BackupFormatException>(async () => await reader.ReadNextAsync());
        Assert.Equal(0, error.Offset);
        Assert.Contains("outside 5..16777216", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Written_documents_read_back_byte_for_byte_with_counts()
    {
        var documents = Enumerable.Range(0, 3).Select(i => MongoDB.Bson.BsonExtensionMethods.ToBson(new MongoDB.Bson.BsonDocument { { "_id", i }, { "x", new string('a', i) } })).ToList();
        using var buffer = new MemoryStream();
        var writer = new BsonStreamWriter(buffer);
        await writer.WriteAsync(documents[0]);
        writer.Write(documents[1]);
        await writer.WriteAsync(documents[2]);
        Assert.Equal(3, writer.DocumentCount);
        Assert.Equal(documents.Sum(d => d.Length), writer.ByteCount);

        buffer.Position = 0;
        var reader = new BsonStreamReader(buffer, "mem");
        Assert.Equal(documents, await reader.ReadAllAsync().ToListAsync());
        Assert.Equal(3, reader.DocumentCount);
    }
}

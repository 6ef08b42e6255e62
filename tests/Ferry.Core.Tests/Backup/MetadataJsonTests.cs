using Ferry.Core.Backup.Formats;
using MongoDB.Bson;

namespace Ferry.Core.Tests.Backup;

public sealed class MetadataJsonTests
{
    public static TheoryData<string> MetadataFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(TestPaths.MongodumpSamples, "*.metadata.json*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(TestPaths.MongodumpSamples, file).Replace('\\', '/'));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MetadataFiles))]
    public async Task Every_real_metadata_file_parses_and_round_trips(string relative)
    {
        await using var stream = BackupStreams.OpenRead(TestPaths.Sample(relative));
        var text = await new StreamReader(stream).ReadToEndAsync();
        var metadata = MetadataJson.Parse(text, relative);
        var again = MetadataJson.Parse(MetadataJson.Serialize(metadata), "round trip");
        Assert.Equal(metadata.Options, again.Options);
        Assert.Equal(metadata.Indexes, again.Indexes);
        Assert.Equal(metadata.Uuid, again.Uuid);
        Assert.Equal(metadata.CollectionName, again.CollectionName);
        Assert.Equal(metadata.Type, again.Type);
    }

    [Fact]
    public async Task Canonical_metadata_keeps_ttl_index_uuid_and_name()
    {
        var text = await File.ReadAllTextAsync(TestPaths.MongoTools("mongorestore/testdata/coll_with_ttl_index/test/foo.metadata.json"));
        var metadata = MetadataJson.Parse(text, "foo.metadata.json");
        Assert.Equal("0679db720f4944de90ae27472664e94a", metadata.Uuid);
        Assert.Equal("foo", metadata.CollectionName);
        var ttl = Assert.Single(metadata.IndexesToCreate());
        Assert.Equal(BsonDocument.Parse("{ key: { f: 1.0 }, name: 'f_1', expireAfterSeconds: 1000 }"), ttl);
    }

    [Fact]
    public async Task Old_relaxed_metadata_loses_v_and_ns_for_restore_and_keeps_capped_options()
    {
        var text = await File.ReadAllTextAsync(TestPaths.MongoTools("test/qa-tests/jstests/restore/testdata/dump_extended_json_options/test/changelog.metadata.json"));
        var metadata = MetadataJson.Parse(text, "changelog.metadata.json");
        Assert.Equal(BsonDocument.Parse("{ size: NumberLong(10000000), capped: true }"), metadata.Options);
        var index = Assert.Single(metadata.IndexesToCreate());
        Assert.Equal(BsonDocument.Parse("{ key: { pos: '2d' }, name: 'position_2d', min: NumberLong(0), max: NumberLong(1000), bits: NumberLong(32) }"), index);
    }

    [Fact]
    public async Task Time_series_metadata_is_recognised()
    {
        var text = await File.ReadAllTextAsync(TestPaths.MongoTools("mongorestore/testdata/timeseries_tests/ts_dump/timeseries_test/foo_ts.metadata.json"));
        var metadata = MetadataJson.Parse(text, "foo_ts.metadata.json");
        Assert.True(metadata.IsTimeSeries);
        Assert.Equal("ts", metadata.Options["timeseries"]["timeField"].AsString);
        Assert.Equal(2, metadata.IndexesToCreate().Count);
    }

    [Fact]
    public void Malformed_metadata_is_a_clear_format_error()
    {
        var error = Assert.Throws<BackupFormatException>(() => MetadataJson.Parse("{\"indexes\": [{\"key\": {\"{\"a\":\"b\"}\": 1}}]}", "db/c.metadata.json"));
        Assert.Equal("db/c.metadata.json", error.File);
        Assert.Contains("not valid Extended JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialized_metadata_is_canonical_extended_json_without_empty_options()
    {
        var metadata = new CollectionMetadata
        {
            Indexes = [BsonDocument.Parse("{ v: 2, key: { _id: 1 }, name: '_id_' }")],
            Uuid = "0679db720f4944de90ae27472664e94a",
            CollectionName = "foo",
            Type = "collection",
        };
        Assert.Equal(
            "{ \"indexes\" : [{ \"v\" : { \"$numberInt\" : \"2\" }, \"key\" : { \"_id\" : { \"$numberInt\" : \"1\" } }, \"name\" : \"_id_\" }], \"uuid\" : \"0679db720f4944de90ae27472664e94a\", \"collectionName\" : \"foo\", \"type\" : \"collection\" }",
            MetadataJson.Serialize(metadata));
    }
}

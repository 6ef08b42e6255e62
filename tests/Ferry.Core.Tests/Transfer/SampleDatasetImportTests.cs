using Ferry.Core.Backup.Formats;
using Ferry.Core.Storage;
using Ferry.Core.Transfer;
using Ferry.Store.Embedded;
using MongoDB.Bson;
using MongoDB.Bson.IO;

namespace Ferry.Core.Tests.Transfer;

/// <summary>
/// Imports real mongoexport output (tests/data, see each folder's SOURCE.md) and round-trips it; canonical Extended JSON
/// written by other tools imports to exactly the BSON bytes those tools started from.
/// </summary>
public class SampleDatasetImportTests
{
    public static TheoryData<string, long> Files => new()
    {
        { "mongodump-samples/mongo-tools/bsondump/testdata/sample.json", 4 },
        { "sample-datasets/ozlerhakan-mongodb-json-files/countries-small.json", 248 },
        { "sample-datasets/ozlerhakan-mongodb-json-files/covers.json", 5071 },
        { "sample-datasets/ozlerhakan-mongodb-json-files/grades.json", 280 },
        { "sample-datasets/ozlerhakan-mongodb-json-files/products.json", 11 },
        { "sample-datasets/ozlerhakan-mongodb-json-files/profiles.json", 1515 },
        { "sample-datasets/ozlerhakan-mongodb-json-files/restaurant.json", 2548 },
        { "sample-datasets/ozlerhakan-mongodb-json-files/students.json", 200 },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public async Task A_real_export_imports_completely_and_round_trips_exactly_on_the_embedded_store(string file, long documents)
    {
        using var temp = new TempDirectory();
        var store = await new EmbeddedStoreProvider().OpenAsync("file:" + temp.File("store"));
        await using (store)
        {
            await RoundTripAsync(store, file, documents);
        }
    }

    private static async Task RoundTripAsync(IDocumentStore store, string file, long documents)
    {
        var first = store.GetDatabase("db").GetCollection("first");
        var second = store.GetDatabase("db").GetCollection("second");
        using var temp = new TempDirectory();

        var result = await ExtendedJsonImporter.ImportFileAsync(first, TestData.File(file));
        var exported = await ExtendedJsonExporter.ExportToFileAsync(first, temp.File("export.json"));
        await ExtendedJsonImporter.ImportFileAsync(second, exported.Path!);
        var again = await ExtendedJsonExporter.ExportToFileAsync(second, temp.File("again.json"));

        Assert.Equal((documents, 0L), (result.Inserted, result.Failed));
        Assert.Equal(documents, exported.Documents);
        Assert.Equal(File.ReadAllText(exported.Path!), File.ReadAllText(again.Path!));
    }

    /// <summary>bsondump's sample.json is the canonical Extended JSON of sample.bson (timestamps, binary, doubles).</summary>
    [Fact]
    public async Task A_bsondump_extended_json_file_imports_to_the_bytes_of_its_bson_twin()
    {
        var bson = await ReadBsonAsync(TestData.File("mongodump-samples/mongo-tools/bsondump/testdata/sample.bson"));
        Assert.Equal(4, bson.Count);
        Assert.Equal(bson, await ImportAndScanAsync(TestData.File("mongodump-samples/mongo-tools/bsondump/testdata/sample.json")));
    }

    /// <summary>
    /// The 966 nested tweets of a real 2015 dump, written as canonical Extended JSON by the official driver's writer
    /// (not ours), import to the dump's exact bytes: every number keeps its BSON type, every field its order.
    /// </summary>
    [Fact]
    public async Task Driver_written_canonical_extended_json_of_a_real_dump_imports_to_its_exact_bytes()
    {
        var bson = await ReadBsonAsync(TestData.File("mongodump-samples/ozlerhakan-tweets/dump/twitter/tweets.bson"));
        Assert.Equal(966, bson.Count);
        using var temp = new TempDirectory();
        var settings = new JsonWriterSettings { OutputMode = JsonOutputMode.CanonicalExtendedJson, Indent = false };
        await File.WriteAllLinesAsync(temp.File("tweets.json"), bson.Select(b => new RawBsonDocument(b).ToJson(settings)));
        Assert.Equal(bson.Select(Convert.ToHexString).Order(StringComparer.Ordinal), (await ImportAndScanAsync(temp.File("tweets.json"))).Select(Convert.ToHexString).Order(StringComparer.Ordinal));
    }

    private static async Task<List<byte[]>> ImportAndScanAsync(string file)
    {
        using var temp = new TempDirectory();
        var store = await new EmbeddedStoreProvider().OpenAsync("file:" + temp.File("store"));
        await using (store)
        {
            var collection = store.GetDatabase("db").GetCollection("c");
            await ExtendedJsonImporter.ImportFileAsync(collection, file);
            var documents = new List<byte[]>();
            await foreach (var document in collection.ScanAsync())
            {
                documents.Add(document.ToBson());
            }

            return documents;
        }
    }

    private static async Task<List<byte[]>> ReadBsonAsync(string path)
    {
        await using var stream = BackupStreams.OpenRead(path);
        return await new BsonStreamReader(stream, path).ReadAllAsync().ToListAsync();
    }
}

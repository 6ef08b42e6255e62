using Ferry.Core.Storage;
using Ferry.Core.Transfer;
using Ferry.Store.Embedded;

namespace Ferry.Core.Tests.Transfer;

/// <summary>Imports real mongoexport output (shared/external/sample-datasets, see its SOURCES.md) and round-trips it.</summary>
public class SampleDatasetImportTests
{
    public static TheoryData<string, long> Files => new()
    {
        { "atlas-sample-ejson/sample_analytics/accounts.json", 1746 },
        { "atlas-sample-ejson/sample_analytics/customers.json", 500 },
        { "atlas-sample-ejson/sample_mflix/theaters.json", 1564 },
        { "atlas-sample-ejson/sample_mflix/users.json", 185 },
        { "ozlerhakan-mongodb-json-files/countries-small.json", 248 },
        { "ozlerhakan-mongodb-json-files/covers.json", 5071 },
        { "ozlerhakan-mongodb-json-files/grades.json", 280 },
        { "ozlerhakan-mongodb-json-files/products.json", 11 },
        { "ozlerhakan-mongodb-json-files/profiles.json", 1515 },
        { "ozlerhakan-mongodb-json-files/restaurant.json", 2548 },
        { "ozlerhakan-mongodb-json-files/students.json", 200 },
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
        var folder = SharedMaterial.Find("external/sample-datasets");
        Assert.True(folder is not null, "shared/external/sample-datasets not found above the test binaries");
        var first = store.GetDatabase("db").GetCollection("first");
        var second = store.GetDatabase("db").GetCollection("second");
        using var temp = new TempDirectory();

        var result = await ExtendedJsonImporter.ImportFileAsync(first, Path.Combine(folder, file));
        var exported = await ExtendedJsonExporter.ExportToFileAsync(first, temp.File("export.json"));
        await ExtendedJsonImporter.ImportFileAsync(second, exported.Path!);
        var again = await ExtendedJsonExporter.ExportToFileAsync(second, temp.File("again.json"));

        Assert.Equal((documents, 0L), (result.Inserted, result.Failed));
        Assert.Equal(documents, exported.Documents);
        Assert.Equal(File.ReadAllText(exported.Path!), File.ReadAllText(again.Path!));
    }
}

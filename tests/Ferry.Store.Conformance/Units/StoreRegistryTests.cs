using Ferry.Core.Errors;
using Ferry.Core.Storage;
using Ferry.Store.Embedded;
using Ferry.Store.Mongo;

namespace Ferry.Store.Conformance.Units;

/// <summary>With both providers registered, the URI's scheme picks the store; credentials never leak into errors.</summary>
public sealed class StoreRegistryTests
{
    [Fact]
    public async Task File_uri_opens_the_embedded_store_and_mongodb_uri_the_mongo_provider()
    {
        using var mongo = new MongoStoreProvider();
        var registry = new StoreRegistry([new EmbeddedStoreProvider(), mongo]);
        var folder = Path.Combine(Path.GetTempPath(), "ferry-registry-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var store = await registry.OpenAsync("file:" + folder))
            {
                Assert.Equal("file:" + folder, store.DisplayUri);
            }

            var error = await Assert.ThrowsAsync<UserInputException>(() => registry.OpenAsync("mongodb://u:hunter2@127.0.0.1:1/?serverSelectionTimeoutMS=500"));
            Assert.StartsWith("--uri mongodb://u:***@127.0.0.1:1/", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Unknown_scheme_is_bad_input_with_the_uri_redacted()
    {
        using var mongo = new MongoStoreProvider();
        var registry = new StoreRegistry([new EmbeddedStoreProvider(), mongo]);

        var error = await Assert.ThrowsAsync<UserInputException>(() => registry.OpenAsync("postgres://u:hunter2@h/db"));

        Assert.Equal("--uri postgres://u:***@h/db: unknown scheme; expected file:PATH, mongodb://… or mongodb+srv://…", error.Message);
    }
}

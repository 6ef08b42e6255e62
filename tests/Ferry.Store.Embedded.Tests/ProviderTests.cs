using Ferry.Core.Errors;
using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Store.Embedded.Tests;

public class ProviderTests
{
    [Theory]
    [InlineData("file:data/store", true)]
    [InlineData("FILE:/tmp/x", true)]
    [InlineData("mongodb://localhost", false)]
    [InlineData("data/store", false)]
    public void Provider_opens_file_URIs_only(string uri, bool expected) =>
        Assert.Equal(expected, new EmbeddedStoreProvider().CanOpen(uri));

    [Fact]
    public void Folder_of_relative_absolute_and_triple_slash_URIs()
    {
        Assert.Equal(Path.GetFullPath("data/store"), EmbeddedStoreProvider.FolderOf("file:data/store"));
        Assert.Equal("/tmp/ferry store", EmbeddedStoreProvider.FolderOf("file:/tmp/ferry store"));
        Assert.Equal("/tmp/ferry store", EmbeddedStoreProvider.FolderOf("file:///tmp/ferry%20store"));
        Assert.Throws<UserInputException>(() => EmbeddedStoreProvider.FolderOf("file:"));
    }

    [Fact]
    public async Task Registry_opens_the_store_and_the_folder_is_created_by_the_first_write()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ferry-embedded-tests", Guid.NewGuid().ToString("N"), "nested");
        var registry = new StoreRegistry([new EmbeddedStoreProvider()]);

        await using (var store = await registry.OpenAsync("file:" + folder))
        {
            Assert.False(Directory.Exists(folder));
            await store.GetDatabase("app").GetCollection("c").BulkWriteAsync([new InsertRequest(new BsonDocument("_id", 1))]);
            Assert.Equal("file:" + folder, store.DisplayUri);
        }

        Assert.True(File.Exists(Path.Combine(folder, "app.ferrydb")));
        Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true);
    }

    [Fact]
    public async Task A_file_where_the_folder_should_be_is_bad_input()
    {
        var path = Path.GetTempFileName();
        try
        {
            var error = await Assert.ThrowsAsync<UserInputException>(() => new EmbeddedStoreProvider().OpenAsync("file:" + path));

            Assert.Contains(path, error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Store.Embedded.Tests;

/// <summary>An embedded store in a fresh temporary folder, deleted afterwards.</summary>
public sealed class TempStore : IAsyncDisposable
{
    public TempStore()
    {
        Folder = Path.Combine(Path.GetTempPath(), "ferry-embedded-tests", Guid.NewGuid().ToString("N"));
        Store = Open();
    }

    public string Folder { get; }

    public EmbeddedStore Store { get; private set; }

    public IDocumentDatabase Db => Store.GetDatabase("test");

    public IDocumentCollection Collection(string name = "c") => Db.GetCollection(name);

    public EmbeddedStore Open() => new(Folder, "file:" + Folder);

    /// <summary>Closes the store and opens it again on the same folder (as a new process would).</summary>
    public async Task ReopenAsync()
    {
        await Store.DisposeAsync();
        Store = Open();
    }

    public async Task InsertAsync(string collection, params BsonDocument[] documents) =>
        await Collection(collection).BulkWriteAsync(documents.Select(d => (WriteRequest)new InsertRequest(d)).ToList(), new BulkWriteOptions { IsOrdered = true });

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder does not affect results.
        }
    }
}

/// <summary>Async enumeration helpers for tests.</summary>
public static class AsyncList
{
    public static async Task<List<T>> ToListAsync<T>(this IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }
}

using Ferry.Core.Storage;
using Ferry.Store.Embedded;
using MongoDB.Bson;

namespace Ferry.Core.Tests.Support;

/// <summary>An embedded store in a temp folder with a settable clock; reopening it is what a new process sees.</summary>
internal sealed class ClockedStore : IAsyncDisposable
{
    public ClockedStore()
    {
        Folder = Path.Combine(Path.GetTempPath(), "ferry-clocked-tests", Guid.NewGuid().ToString("N"));
        Store = Open();
    }

    public string Folder { get; }

    public SettableClock Clock { get; } = new() { Now = new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero) };

    public EmbeddedStore Store { get; private set; }

    public IDocumentDatabase Db => Store.GetDatabase("app");

    public async Task ReopenAsync()
    {
        await Store.DisposeAsync();
        Store = Open();
    }

    public Task InsertAsync(string collection, IEnumerable<BsonDocument> documents) =>
        Db.GetCollection(collection).BulkWriteAsync(documents.Select(d => (WriteRequest)new InsertRequest(d)).ToList());

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder does not affect results.
        }
    }

    private EmbeddedStore Open() => new(Folder, "file:" + Folder, Clock);
}

/// <summary>A clock the test moves (index counters record when they started).</summary>
internal sealed class SettableClock : TimeProvider
{
    public DateTimeOffset Now { get; set; }

    public override DateTimeOffset GetUtcNow() => Now;
}

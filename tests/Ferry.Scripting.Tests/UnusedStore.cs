using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Scripting.Tests;

/// <summary>A store for scripts that never touch data: handing out handles works, any real call fails the test.</summary>
internal sealed class UnusedStore : IDocumentStore
{
    public string DisplayUri => "unused:";

    public IDocumentDatabase GetDatabase(string name) => new UnusedDatabase(this, name);

    public Task<IReadOnlyList<string>> ListDatabaseNamesAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task DropDatabaseAsync(string name, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<ServerInfo> GetServerInfoAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class UnusedDatabase(IDocumentStore store, string name) : IDocumentDatabase
    {
        public string Name => name;

        public IDocumentStore Store => store;

        public IDocumentCollection GetCollection(string collectionName) => throw new NotSupportedException("this test does not use collections");

        public Task<IReadOnlyList<CollectionInfo>> ListCollectionsAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task CreateCollectionAsync(string collectionName, BsonDocument? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task DropCollectionAsync(string collectionName, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task RenameCollectionAsync(string from, string to, bool dropTarget = false, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<DatabaseStats> GetStatsAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<BsonDocument> RunCommandAsync(BsonDocument command, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}

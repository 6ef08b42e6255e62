using MongoDB.Bson;

namespace Ferry.Core.Storage;

/// <summary>One database of a <see cref="IDocumentStore"/>.</summary>
public interface IDocumentDatabase
{
    string Name { get; }

    IDocumentStore Store { get; }

    /// <summary>Collections with their options (validator, capped, …), in name order.</summary>
    Task<IReadOnlyList<CollectionInfo>> ListCollectionsAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates a collection with MongoDB <c>create</c> options (e.g. <c>{ validator: { $jsonSchema: … } }</c>).
    /// Fails with NamespaceExists (48) when it exists.</summary>
    Task CreateCollectionAsync(string name, BsonDocument? options = null, CancellationToken cancellationToken = default);

    /// <summary>Drops a collection; dropping one that does not exist is not an error (as on MongoDB 7+).</summary>
    Task DropCollectionAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Atomically renames a collection, replacing <paramref name="to"/> when <paramref name="dropTarget"/>.</summary>
    Task RenameCollectionAsync(string from, string to, bool dropTarget = false, CancellationToken cancellationToken = default);

    IDocumentCollection GetCollection(string name);

    Task<DatabaseStats> GetStatsAsync(CancellationToken cancellationToken = default);

    /// <summary>Runs a database command. The MongoDB store passes any command through; the embedded store
    /// answers the ones Ferry needs (ping, collMod, create, drop, listCollections, dbStats, collStats,
    /// createIndexes, dropIndexes, listIndexes, count, distinct, renameCollection, buildInfo, hello)
    /// and fails others with CommandNotFound (59).</summary>
    Task<BsonDocument> RunCommandAsync(BsonDocument command, CancellationToken cancellationToken = default);
}

using Ferry.Core.Storage;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Ferry.Store.Mongo;

/// <summary>One database of a <see cref="MongoStore"/>: collections, stats and raw commands.</summary>
public sealed class MongoStoreDatabase : IDocumentDatabase
{
    private readonly MongoStore _store;

    internal MongoStoreDatabase(MongoStore store, IMongoDatabase database)
    {
        _store = store;
        Driver = database;
    }

    public string Name => Driver.DatabaseNamespace.DatabaseName;

    public IDocumentStore Store => _store;

    /// <summary>The driver's database handle, for MongoDB-only features.</summary>
    public IMongoDatabase Driver { get; }

    internal MongoErrorTranslator Errors => _store.Errors;

    public async Task<IReadOnlyList<CollectionInfo>> ListCollectionsAsync(CancellationToken cancellationToken = default)
    {
        var infos = await Errors.RunAsync(async () =>
        {
            using var cursor = await Driver.ListCollectionsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return await cursor.ToListAsync(cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return infos
            .Select(ToCollectionInfo)
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
    }

    public Task CreateCollectionAsync(string name, BsonDocument? options = null, CancellationToken cancellationToken = default)
    {
        // The create command takes the options verbatim (validator, validationLevel, capped, collation, …).
        var command = new BsonDocument("create", name);
        if (options is not null)
        {
            command.AddRange(options.Where(e => e.Name != "create"));
        }

        return RunCommandAsync(command, cancellationToken);
    }

    public Task DropCollectionAsync(string name, CancellationToken cancellationToken = default) =>
        Errors.RunAsync(() => Driver.DropCollectionAsync(name, cancellationToken));

    public Task RenameCollectionAsync(string from, string to, bool dropTarget = false, CancellationToken cancellationToken = default)
    {
        // renameCollection is an admin command taking full namespaces; it is atomic on one server.
        var command = new BsonDocument
        {
            { "renameCollection", Name + "." + from },
            { "to", Name + "." + to },
            { "dropTarget", dropTarget },
        };
        var admin = Driver.Client.GetDatabase("admin");
        return Errors.RunAsync(() => admin.RunCommandAsync<BsonDocument>(command, cancellationToken: cancellationToken));
    }

    public IDocumentCollection GetCollection(string name) => new MongoStoreCollection(this, name);

    public async Task<DatabaseStats> GetStatsAsync(CancellationToken cancellationToken = default)
    {
        var stats = await RunCommandAsync(new BsonDocument("dbStats", 1), cancellationToken).ConfigureAwait(false);
        return new DatabaseStats(
            Name,
            (int)BsonNumbers.Int64(stats, "collections"),
            BsonNumbers.Int64(stats, "objects"),
            BsonNumbers.Int64(stats, "dataSize"),
            BsonNumbers.Int64(stats, "storageSize"),
            (int)BsonNumbers.Int64(stats, "indexes"),
            BsonNumbers.Int64(stats, "indexSize"));
    }

    public Task<BsonDocument> RunCommandAsync(BsonDocument command, CancellationToken cancellationToken = default) =>
        Errors.RunAsync(() => Driver.RunCommandAsync<BsonDocument>(command, cancellationToken: cancellationToken));

    private static CollectionInfo ToCollectionInfo(BsonDocument listed)
    {
        var info = listed.GetValue("info", new BsonDocument()).AsBsonDocument;
        string? uuid = null;
        if (info.TryGetValue("uuid", out var raw) && raw is BsonBinaryData binary)
        {
            uuid = Convert.ToHexStringLower(binary.Bytes);
        }

        return new CollectionInfo(
            listed["name"].AsString,
            listed.GetValue("type", "collection").AsString,
            listed.GetValue("options", new BsonDocument()).AsBsonDocument)
        {
            Uuid = uuid,
        };
    }
}

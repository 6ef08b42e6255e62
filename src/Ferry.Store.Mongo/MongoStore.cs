using Ferry.Core.Storage;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Ferry.Store.Mongo;

/// <summary>
/// The document store on a MongoDB deployment through the official driver. Filters, updates and pipelines
/// go to the server unchanged, so every MongoDB feature is available; errors carry the server's codes.
/// The <see cref="MongoClient"/> belongs to the <see cref="MongoStoreProvider"/> that opened the store.
/// Write concern: the URI's <c>w</c>/<c>journal</c>/<c>wtimeoutMS</c> when given; otherwise none is sent
/// and the server default applies (majority on replica sets and sharded clusters since MongoDB 5.0).
/// </summary>
public sealed class MongoStore : IDocumentStore
{
    private readonly IMongoClient _client;

    internal MongoStore(IMongoClient client, string displayUri, MongoTopology topology, MongoErrorTranslator errors)
    {
        _client = client;
        DisplayUri = displayUri;
        Topology = topology;
        Errors = errors;
    }

    public string DisplayUri { get; }

    /// <summary>The deployment kind found when the store was opened.</summary>
    public MongoTopology Topology { get; }

    /// <summary>The driver client, for features that need MongoDB-only APIs (change streams, sessions).</summary>
    public IMongoClient Client => _client;

    internal MongoErrorTranslator Errors { get; }

    public async Task<IReadOnlyList<string>> ListDatabaseNamesAsync(CancellationToken cancellationToken = default)
    {
        return await Errors.RunAsync(async () =>
        {
            using var cursor = await _client.ListDatabaseNamesAsync(cancellationToken).ConfigureAwait(false);
            var names = await cursor.ToListAsync(cancellationToken).ConfigureAwait(false);
            names.Sort(StringComparer.Ordinal);
            return (IReadOnlyList<string>)names;
        }).ConfigureAwait(false);
    }

    public IDocumentDatabase GetDatabase(string name) => new MongoStoreDatabase(this, _client.GetDatabase(name));

    public Task DropDatabaseAsync(string name, CancellationToken cancellationToken = default) =>
        Errors.RunAsync(() => _client.DropDatabaseAsync(name, cancellationToken));

    public Task<StoreHealth> CheckHealthAsync(CancellationToken cancellationToken = default) => MongoHealth.CheckAsync(_client, Errors, cancellationToken);

    public async Task<ServerInfo> GetServerInfoAsync(CancellationToken cancellationToken = default)
    {
        var hello = await MongoStoreProvider.HelloAsync(_client, Errors, cancellationToken).ConfigureAwait(false);
        var admin = _client.GetDatabase("admin");
        var build = await Errors.RunAsync(() => admin.RunCommandAsync<BsonDocument>(new BsonDocument("buildInfo", 1), cancellationToken: cancellationToken)).ConfigureAwait(false);
        var topology = MongoTopology.FromHello(hello);
        var details = new BsonDocument
        {
            { "maxWireVersion", hello.GetValue("maxWireVersion", BsonNull.Value) },
            { "maxBsonObjectSize", hello.GetValue("maxBsonObjectSize", BsonNull.Value) },
            { "maxMessageSizeBytes", hello.GetValue("maxMessageSizeBytes", BsonNull.Value) },
            { "maxWriteBatchSize", hello.GetValue("maxWriteBatchSize", BsonNull.Value) },
            { "gitVersion", build.GetValue("gitVersion", BsonNull.Value) },
            { "storageEngines", build.GetValue("storageEngines", new BsonArray()) },
        };
        if (hello.TryGetValue("setName", out var setName))
        {
            details["setName"] = setName;
            details["hosts"] = hello.GetValue("hosts", new BsonArray());
            details["primary"] = hello.GetValue("primary", BsonNull.Value);
            details["isWritablePrimary"] = hello.GetValue("isWritablePrimary", hello.GetValue("ismaster", BsonNull.Value));
        }

        return new ServerInfo("MongoDB", build.GetValue("version", "unknown").ToString()!, topology.Kind) { Details = details };
    }

    /// <summary>
    /// Operations running for at least <paramref name="minimumRunning"/> (MongoDB's <c>$currentOp</c>, all
    /// users, idle connections excluded), slowest first. Needs the clusterMonitor role (inprog action).
    /// </summary>
    public async Task<IReadOnlyList<BsonDocument>> GetCurrentOperationsAsync(TimeSpan minimumRunning, CancellationToken cancellationToken = default)
    {
        var pipeline = new BsonDocument[]
        {
            new("$currentOp", new BsonDocument { { "allUsers", true }, { "idleConnections", false } }),
            new("$match", new BsonDocument("microsecs_running", new BsonDocument("$gte", (long)(minimumRunning.TotalMilliseconds * 1000)))),
            new("$sort", new BsonDocument("microsecs_running", -1)),
        };
        var admin = _client.GetDatabase("admin");
        return await Errors.RunAsync(async () =>
        {
            using var cursor = await admin.AggregateAsync<BsonDocument>(pipeline, cancellationToken: cancellationToken).ConfigureAwait(false);
            return (IReadOnlyList<BsonDocument>)await cursor.ToListAsync(cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <summary>The client belongs to the provider (one per URI), so there is nothing to release here.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

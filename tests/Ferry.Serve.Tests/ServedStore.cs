using Ferry.Store.Embedded;
using MongoDB.Driver;

namespace Ferry.Serve.Tests;

/// <summary>An embedded store in a fresh temporary folder served on a free loopback port, with a driver client.</summary>
public sealed class ServedStore : IAsyncDisposable
{
    private readonly List<string> _log = [];

    private ServedStore(string folder, EmbeddedStore store, WireServer server)
    {
        Folder = folder;
        Store = store;
        Server = server;
        Client = new MongoClient(MongoClientSettings.FromConnectionString(server.ConnectionString + "&serverSelectionTimeoutMS=5000"));
    }

    public string Folder { get; }

    public EmbeddedStore Store { get; }

    public WireServer Server { get; }

    public MongoClient Client { get; }

    public IReadOnlyList<string> Log
    {
        get
        {
            lock (_log)
            {
                return [.. _log];
            }
        }
    }

    public static async Task<ServedStore> StartAsync(Func<WireServerOptions, WireServerOptions>? configure = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ferry-serve-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var store = (EmbeddedStore)await new EmbeddedStoreProvider().OpenAsync("file:" + folder);
        ServedStore? served = null;
        var options = new WireServerOptions { Port = 0, Log = line => served?.Append(line) };
        options = configure?.Invoke(options) ?? options;
        var server = new WireServer(store, options);
        server.Start();
        served = new ServedStore(folder, store, server);
        return served;
    }

    public IMongoDatabase Database(string name = "app") => Client.GetDatabase(name);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        await Store.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Append(string line)
    {
        lock (_log)
        {
            _log.Add(line);
        }
    }
}

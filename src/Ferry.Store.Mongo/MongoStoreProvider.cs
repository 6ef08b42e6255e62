using System.Collections.Concurrent;
using Ferry.Core.Errors;
using Ferry.Core.Storage;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Ferry.Store.Mongo;

/// <summary>
/// Opens <see cref="MongoStore"/>s for <c>mongodb://</c> and <c>mongodb+srv://</c> URIs. One
/// <see cref="MongoClient"/> per distinct URI is created and cached here (a client owns a connection pool per
/// server, so sharing it is how the driver is meant to be used); disposing the provider closes them.
/// </summary>
public sealed class MongoStoreProvider : IStoreProvider, IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<MongoClient>> _clients = new(StringComparer.Ordinal);
    private readonly MongoStoreProviderOptions _options;

    public MongoStoreProvider()
        : this(new MongoStoreProviderOptions())
    {
    }

    public MongoStoreProvider(MongoStoreProviderOptions options)
    {
        _options = options;
    }

    public bool CanOpen(string uri) =>
        uri.StartsWith("mongodb://", StringComparison.OrdinalIgnoreCase)
        || uri.StartsWith("mongodb+srv://", StringComparison.OrdinalIgnoreCase);

    public async Task<IDocumentStore> OpenAsync(string uri, CancellationToken cancellationToken = default)
    {
        var displayUri = UriRedactor.Redact(uri);
        var settings = MongoConnectionSettings.Build(uri, displayUri, _options);
        var client = GetOrCreateClient(uri, settings, displayUri);
        var errors = new MongoErrorTranslator(displayUri, MongoConnectionSettings.DescribeHosts(settings), settings.ServerSelectionTimeout);
        var hello = await HelloAsync(client, errors, cancellationToken).ConfigureAwait(false);
        return new MongoStore(client, displayUri, MongoTopology.FromHello(hello), errors);
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values.Where(c => c.IsValueCreated))
        {
            client.Value.Dispose();
        }

        _clients.Clear();
    }

    internal static async Task<BsonDocument> HelloAsync(IMongoClient client, MongoErrorTranslator errors, CancellationToken cancellationToken)
    {
        var admin = client.GetDatabase("admin");
        try
        {
            return await errors.RunAsync(() => admin.RunCommandAsync<BsonDocument>(new BsonDocument("hello", 1), cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        catch (Ferry.Query.Common.MqlException ex) when (ex.Code == Ferry.Query.Common.ErrorCodes.CommandNotFound)
        {
            // Servers before 4.4.2 only know the legacy name.
            return await errors.RunAsync(() => admin.RunCommandAsync<BsonDocument>(new BsonDocument("isMaster", 1), cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
    }

    private MongoClient GetOrCreateClient(string uri, MongoClientSettings settings, string displayUri)
    {
        var lazy = _clients.GetOrAdd(uri, _ => new Lazy<MongoClient>(() => new MongoClient(settings)));
        try
        {
            return lazy.Value;
        }
        catch (MongoConfigurationException ex)
        {
            _clients.TryRemove(uri, out _);
            throw new UserInputException($"--uri {displayUri}: {MongoConnectionSettings.Scrub(ex.Message, uri, displayUri)}", ex);
        }
    }
}

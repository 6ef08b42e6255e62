using MongoDB.Bson;

namespace Ferry.Core.Storage;

/// <summary>
/// A document store: databases → collections → documents (MongoDB.Bson), indexes and stats.
/// Implemented by the embedded store (<c>file:PATH</c>, SQLite holding raw BSON) and the MongoDB
/// store (<c>mongodb://…</c>, the official driver). Filters, updates and pipelines are MongoDB
/// documents on both; errors carry MongoDB's codes (<see cref="Ferry.Query.Common.MqlException"/>).
/// </summary>
public interface IDocumentStore : IAsyncDisposable
{
    /// <summary>The store's URI with any credentials redacted: safe to print, log and report.</summary>
    string DisplayUri { get; }

    Task<IReadOnlyList<string>> ListDatabaseNamesAsync(CancellationToken cancellationToken = default);

    /// <summary>A handle on a database; nothing is created until something is written.</summary>
    IDocumentDatabase GetDatabase(string name);

    Task DropDatabaseAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Version, topology and similar facts for <c>ferry health</c>.</summary>
    Task<ServerInfo> GetServerInfoAsync(CancellationToken cancellationToken = default);

    /// <summary>The store's own health check for <c>ferry health</c> (file integrity, replica set member states).
    /// Stores that have none report so, as healthy.</summary>
    Task<StoreHealth> CheckHealthAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(new StoreHealth(true, "no store-specific health check"));
}

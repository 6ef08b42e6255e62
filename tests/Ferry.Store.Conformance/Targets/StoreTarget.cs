using Ferry.Core.Storage;

namespace Ferry.Store.Conformance.Targets;

/// <summary>
/// A store the conformance suite runs against. <see cref="SkipReason"/> is non-null when the store is not
/// available here (no MongoDB server configured), so its cases are reported as skipped with that reason.
/// </summary>
public abstract class StoreTarget
{
    public abstract string Name { get; }

    public abstract string? SkipReason { get; }

    /// <summary>Opens the store and a database with a fresh unique name, dropped when disposed.</summary>
    public async Task<TestDatabase> OpenDatabaseAsync(CancellationToken cancellationToken = default)
    {
        Skip.If(SkipReason is not null, SkipReason);
        var store = await OpenStoreAsync(cancellationToken);
        var name = "ferry_conf_" + Guid.NewGuid().ToString("N")[..12];
        return new TestDatabase(store, store.GetDatabase(name), this);
    }

    protected abstract Task<IDocumentStore> OpenStoreAsync(CancellationToken cancellationToken);

    /// <summary>Releases what <see cref="OpenStoreAsync"/> created beyond the store (providers, folders).</summary>
    protected internal virtual ValueTask ReleaseAsync(IDocumentStore store) => ValueTask.CompletedTask;
}

/// <summary>A unique database of a store for one test; dropping it (and releasing the store) on dispose.</summary>
public sealed class TestDatabase(IDocumentStore store, IDocumentDatabase database, StoreTarget target) : IAsyncDisposable
{
    public IDocumentStore Store { get; } = store;

    public IDocumentDatabase Database { get; } = database;

    public IDocumentCollection Collection(string name) => Database.GetCollection(name);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Store.DropDatabaseAsync(Database.Name);
        }
        finally
        {
            await Store.DisposeAsync();
            await target.ReleaseAsync(Store);
        }
    }
}

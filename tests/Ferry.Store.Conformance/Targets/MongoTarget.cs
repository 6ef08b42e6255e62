using Ferry.Core.Storage;
using Ferry.Store.Mongo;

namespace Ferry.Store.Conformance.Targets;

/// <summary>A real MongoDB server named by <c>FERRY_TEST_MONGODB_URI</c>; when unset, <c>ferry serve</c> over the
/// embedded store in this process (<see cref="ServedEmbeddedStore"/>), named <see cref="ServeName"/>: that proves the
/// driver path (Ferry.Store.Mongo, the official driver, the wire protocol), not MongoDB's semantics.
/// Each opened store gets its own provider (and so its own client), closed when the test's database is released.</summary>
public sealed class MongoTarget : StoreTarget
{
    public const string EnvironmentVariable = "FERRY_TEST_MONGODB_URI";

    /// <summary>The target's name when it runs against <c>ferry serve</c>: the driver path, not MongoDB semantics.</summary>
    public const string ServeName = "mongodb-driver-via-ferry-serve";

    private readonly Dictionary<IDocumentStore, MongoStoreProvider> _providers = new(ReferenceEqualityComparer.Instance);

    public static string? Uri => Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } uri ? uri : null;

    public override string Name => Uri is null ? ServeName : "mongodb";

    public override string? SkipReason => null;

    protected override async Task<IDocumentStore> OpenStoreAsync(CancellationToken cancellationToken)
    {
        var provider = new MongoStoreProvider();
        try
        {
            var store = await provider.OpenAsync(Uri ?? ServedEmbeddedStore.Uri, cancellationToken);
            lock (_providers)
            {
                _providers[store] = provider;
            }

            return store;
        }
        catch
        {
            provider.Dispose();
            throw;
        }
    }

    protected internal override ValueTask ReleaseAsync(IDocumentStore store)
    {
        MongoStoreProvider? provider;
        lock (_providers)
        {
            _providers.Remove(store, out provider);
        }

        provider?.Dispose();
        return ValueTask.CompletedTask;
    }
}

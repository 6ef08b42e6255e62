using Ferry.Core.Storage;
using Ferry.Store.Mongo;

namespace Ferry.Store.Conformance.Targets;

/// <summary>A real MongoDB server named by <c>FERRY_TEST_MONGODB_URI</c>; skipped with a reason when unset.
/// Each opened store gets its own provider (and so its own client), closed when the test's database is released.</summary>
public sealed class MongoTarget : StoreTarget
{
    public const string EnvironmentVariable = "FERRY_TEST_MONGODB_URI";

    public const string NoServerReason = "no MongoDB server: set FERRY_TEST_MONGODB_URI";

    private readonly Dictionary<IDocumentStore, MongoStoreProvider> _providers = new(ReferenceEqualityComparer.Instance);

    public static string? Uri => Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } uri ? uri : null;

    public override string Name => "mongodb";

    public override string? SkipReason => Uri is null ? NoServerReason : null;

    protected override async Task<IDocumentStore> OpenStoreAsync(CancellationToken cancellationToken)
    {
        var provider = new MongoStoreProvider();
        try
        {
            var store = await provider.OpenAsync(Uri!, cancellationToken);
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

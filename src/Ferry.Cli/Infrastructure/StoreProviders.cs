using Ferry.Core.Storage;
using Ferry.Store.Embedded;
using Ferry.Store.Mongo;

namespace Ferry.Cli.Infrastructure;

/// <summary>The store providers the command knows, by URI scheme.</summary>
public static class StoreProviders
{
    public static IEnumerable<IStoreProvider> All() => [new EmbeddedStoreProvider(), new MongoStoreProvider()];
}

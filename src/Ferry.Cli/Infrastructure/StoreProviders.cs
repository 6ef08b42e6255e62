using Ferry.Core.Storage;

namespace Ferry.Cli.Infrastructure;

/// <summary>The store providers the command knows, by URI scheme.</summary>
public static class StoreProviders
{
    public static IEnumerable<IStoreProvider> All() => [];
}

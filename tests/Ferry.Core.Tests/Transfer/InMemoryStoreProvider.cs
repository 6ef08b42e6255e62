using Ferry.Core.Storage;

namespace Ferry.Core.Tests.Transfer;

/// <summary>Opens one shared <see cref="InMemoryStore"/> for every <c>file:</c> URI, so a test can look at what a
/// feature wrote after the feature closed its store.</summary>
internal sealed class InMemoryStoreProvider : IStoreProvider
{
    public InMemoryStore Store { get; } = new();

    public List<string> OpenedUris { get; } = [];

    public bool CanOpen(string uri) => uri.StartsWith("file:", StringComparison.Ordinal);

    public Task<IDocumentStore> OpenAsync(string uri, CancellationToken cancellationToken = default)
    {
        OpenedUris.Add(uri);
        return Task.FromResult<IDocumentStore>(Store);
    }
}

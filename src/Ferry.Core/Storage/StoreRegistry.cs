using Ferry.Core.Errors;

namespace Ferry.Core.Storage;

/// <summary>Chooses a store provider by the URI's scheme.</summary>
public sealed class StoreRegistry(IEnumerable<IStoreProvider> providers)
{
    private readonly IReadOnlyList<IStoreProvider> _providers = providers.ToList();

    public async Task<IDocumentStore> OpenAsync(string uri, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(uri))
        {
            throw new UserInputException("--uri: a store URI is required (file:PATH for the embedded store, mongodb://HOST for MongoDB)");
        }

        var provider = _providers.FirstOrDefault(p => p.CanOpen(uri))
            ?? throw new UserInputException($"--uri {UriRedactor.Redact(uri)}: unknown scheme; expected file:PATH, mongodb://… or mongodb+srv://…");
        return await provider.OpenAsync(uri, cancellationToken).ConfigureAwait(false);
    }
}

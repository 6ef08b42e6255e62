using Ferry.Core.Configuration;
using Ferry.Core.Errors;

namespace Ferry.Core.Storage;

/// <summary>Chooses a store provider by the URI's scheme.</summary>
public sealed class StoreRegistry(IEnumerable<IStoreProvider> providers)
{
    private readonly IReadOnlyList<IStoreProvider> _providers = providers.ToList();

    /// <summary>
    /// Opens a store found by <see cref="StoreResolver"/>. When the URI did not come from <c>--uri</c> itself, a
    /// bad-input error says where it did come from (FERRY_URI, ferry.yaml, --source-uri), since that is what to fix.
    /// </summary>
    public async Task<IDocumentStore> OpenAsync(ResolvedSetting uri, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        try
        {
            return await OpenAsync(uri.Value, cancellationToken).ConfigureAwait(false);
        }
        catch (UserInputException e) when (uri.Origin != StoreOption.Uri.Option)
        {
            throw new UserInputException($"{e.Message} (the store came from {uri.Origin})", e);
        }
    }

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

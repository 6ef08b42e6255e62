namespace Ferry.Core.Storage;

/// <summary>Opens stores for the URI schemes it knows (<c>file:</c>, <c>mongodb://</c>, …).</summary>
public interface IStoreProvider
{
    /// <summary>True when this provider handles <paramref name="uri"/>'s scheme.</summary>
    bool CanOpen(string uri);

    /// <summary>Opens the store; an unreachable or malformed target throws <see cref="Errors.UserInputException"/>.</summary>
    Task<IDocumentStore> OpenAsync(string uri, CancellationToken cancellationToken = default);
}

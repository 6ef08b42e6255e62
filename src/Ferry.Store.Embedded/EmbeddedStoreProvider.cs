using Ferry.Core.Errors;
using Ferry.Core.Storage;

namespace Ferry.Store.Embedded;

/// <summary>Opens the embedded store for <c>file:PATH</c> URIs (PATH a folder, created on first write).</summary>
public sealed class EmbeddedStoreProvider : IStoreProvider
{
    private readonly TimeProvider _time;

    public EmbeddedStoreProvider()
        : this(TimeProvider.System)
    {
    }

    public EmbeddedStoreProvider(TimeProvider time) => _time = time;

    public bool CanOpen(string uri) => uri.StartsWith("file:", StringComparison.OrdinalIgnoreCase);

    public Task<IDocumentStore> OpenAsync(string uri, CancellationToken cancellationToken = default)
    {
        var folder = FolderOf(uri);
        if (File.Exists(folder))
        {
            throw new UserInputException($"--uri {uri}: {folder} is a file; the embedded store needs a folder (file:PATH, one .ferrydb file per database inside it)");
        }

        return Task.FromResult<IDocumentStore>(new EmbeddedStore(folder, uri, _time));
    }

    /// <summary>The folder of a <c>file:</c> URI: <c>file:data/store</c>, <c>file:/abs/path</c> or <c>file:///abs/path</c>.</summary>
    public static string FolderOf(string uri)
    {
        if (!uri.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            throw new UserInputException($"--uri {uri}: expected file:PATH");
        }

        var path = uri["file:".Length..];
        if (path.StartsWith("//", StringComparison.Ordinal))
        {
            path = Uri.TryCreate(uri, UriKind.Absolute, out var parsed) ? Uri.UnescapeDataString(parsed.AbsolutePath) : path[2..];
        }

        if (string.IsNullOrWhiteSpace(path))
        {
            throw new UserInputException($"--uri {uri}: the folder is missing; expected file:PATH");
        }

        return Path.GetFullPath(path);
    }
}

using Ferry.Core.Storage;

namespace Ferry.Store.Conformance.Targets;

/// <summary>The embedded store (<c>file:PATH</c>) in a fresh temporary folder, deleted afterwards.</summary>
public sealed class EmbeddedTarget : StoreTarget
{
    private readonly Dictionary<IDocumentStore, string> _folders = new(ReferenceEqualityComparer.Instance);

    public override string Name => "embedded";

    // Resolved by name until the embedded store's branch is merged; then this becomes a direct reference.
    private static readonly Type? ProviderType = Type.GetType("Ferry.Store.Embedded.EmbeddedStoreProvider, Ferry.Store.Embedded");

    public override string? SkipReason => ProviderType is null ? "embedded store not built yet: Ferry.Store.Embedded.EmbeddedStoreProvider is missing" : null;

    protected override async Task<IDocumentStore> OpenStoreAsync(CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ferry-conformance", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var store = await ((IStoreProvider)Activator.CreateInstance(ProviderType!)!).OpenAsync("file:" + folder, cancellationToken);
        lock (_folders)
        {
            _folders[store] = folder;
        }

        return store;
    }

    protected internal override ValueTask ReleaseAsync(IDocumentStore store)
    {
        string? folder;
        lock (_folders)
        {
            _folders.Remove(store, out folder);
        }

        if (folder is not null && Directory.Exists(folder))
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open by SQLite's pool on some platforms; the temp folder is cleaned later.
            }
        }

        return ValueTask.CompletedTask;
    }
}

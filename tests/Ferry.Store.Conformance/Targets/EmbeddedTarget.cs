using Ferry.Core.Storage;
using Ferry.Store.Embedded;

namespace Ferry.Store.Conformance.Targets;

/// <summary>The embedded store (<c>file:PATH</c>) in a fresh temporary folder, deleted afterwards.</summary>
public sealed class EmbeddedTarget : StoreTarget
{
    private readonly Dictionary<IDocumentStore, string> _folders = new(ReferenceEqualityComparer.Instance);

    public override string Name => "embedded";

    public override string? SkipReason => null;

    protected override async Task<IDocumentStore> OpenStoreAsync(CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ferry-conformance", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var store = await new EmbeddedStoreProvider().OpenAsync("file:" + folder, cancellationToken);
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

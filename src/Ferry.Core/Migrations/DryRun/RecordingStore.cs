using Ferry.Core.Storage;

namespace Ferry.Core.Migrations.DryRun;

/// <summary>
/// A store that reads from the real one and writes nothing: every write is captured in a <see cref="WriteLog"/>
/// with the number of documents it would touch. What a migration dry run runs against, so the preview shows
/// what each script would really do. Reads see the data as it is, not as earlier recorded writes would have
/// left it, so a script that reads back its own writes previews only approximately.
/// </summary>
public sealed class RecordingStore(IDocumentStore inner, WriteLog log) : IDocumentStore
{
    private readonly Dictionary<string, RecordingDatabase> _databases = new(StringComparer.Ordinal);

    public WriteLog Log { get; } = log;

    public string DisplayUri => inner.DisplayUri + " (dry run)";

    public Task<IReadOnlyList<string>> ListDatabaseNamesAsync(CancellationToken cancellationToken = default) => inner.ListDatabaseNamesAsync(cancellationToken);

    public IDocumentDatabase GetDatabase(string name)
    {
        lock (_databases)
        {
            if (!_databases.TryGetValue(name, out var database))
            {
                database = new RecordingDatabase(this, inner.GetDatabase(name), Log);
                _databases[name] = database;
            }

            return database;
        }
    }

    public Task DropDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        Log.Add(new RecordedWrite(name, "dropDatabase", null, null, 0));
        return Task.CompletedTask;
    }

    public Task<ServerInfo> GetServerInfoAsync(CancellationToken cancellationToken = default) => inner.GetServerInfoAsync(cancellationToken);

    /// <summary>Nothing to release: the inner store belongs to the caller.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

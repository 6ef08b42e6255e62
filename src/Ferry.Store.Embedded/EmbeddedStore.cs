using Ferry.Core.Storage;
using Ferry.Query.Common;
using Microsoft.Data.Sqlite;

namespace Ferry.Store.Embedded;

/// <summary>
/// The embedded store (<c>file:PATH</c>): a folder of SQLite files, one per database (<c>&lt;db&gt;.ferrydb</c>), each
/// holding documents as their raw BSON bytes. The zero-install default: demo, tests, offline rehearsal.
/// </summary>
public sealed class EmbeddedStore : IDocumentStore
{
    /// <summary>File extension of database files.</summary>
    public const string Extension = ".ferrydb";

    private readonly Dictionary<string, EmbeddedDatabase> _databases = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public EmbeddedStore(string folder, string displayUri, TimeProvider? time = null, QueryContext? context = null)
    {
        Folder = Path.GetFullPath(folder);
        DisplayUri = UriRedactor.Redact(displayUri);
        Time = time ?? TimeProvider.System;
        Context = context ?? QueryContext.Default with { Time = Time };
    }

    /// <summary>The folder holding the database files.</summary>
    public string Folder { get; }

    public string DisplayUri { get; }

    internal TimeProvider Time { get; }

    internal QueryContext Context { get; }

    /// <summary>Databases holding at least one collection (as on MongoDB, a database whose last collection was dropped
    /// is not listed). A damaged file is listed, so it shows up rather than silently disappearing.</summary>
    public async Task<IReadOnlyList<string>> ListDatabaseNamesAsync(CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(Folder))
        {
            return [];
        }

        var names = new List<string>();
        foreach (var name in Directory.EnumerateFiles(Folder, "*" + Extension).Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal))
        {
            EmbeddedDatabase database;
            try
            {
                database = Database(name);
            }
            catch (MqlException)
            {
                continue; // a file whose name is no valid database name is not a Ferry database
            }

            try
            {
                if (await database.File.ReadAsync(session => session.Long("SELECT count(*) FROM " + Storage.Schema.Collections) > 0, false, cancellationToken).ConfigureAwait(false))
                {
                    names.Add(name);
                }
            }
            catch (Ferry.Core.Errors.UserInputException)
            {
                names.Add(name);
            }
        }

        return names;
    }

    public IDocumentDatabase GetDatabase(string name) => Database(name);

    public async Task DropDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        var database = Database(name);
        database.ForgetAllIndexUses();
        await database.File.DeleteAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<ServerInfo> GetServerInfoAsync(CancellationToken cancellationToken = default)
    {
        var version = SqliteVersion();
        return Task.FromResult(new ServerInfo("embedded", version, "embedded")
        {
            Details = new MongoDB.Bson.BsonDocument
            {
                { "engine", "SQLite" },
                { "sqliteVersion", version },
                { "folder", Folder },
                { "journalMode", "wal" },
                { "synchronous", "full" },
            },
        });
    }

    public Task<StoreHealth> CheckHealthAsync(CancellationToken cancellationToken = default) => FileHealth.CheckAsync(Folder, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        List<EmbeddedDatabase> databases;
        lock (_lock)
        {
            databases = _databases.Values.ToList();
            _databases.Clear();
        }

        foreach (var database in databases)
        {
            try
            {
                await database.FlushIndexUsesAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or Ferry.Core.Errors.UserInputException)
            {
                // Usage counters are statistics: losing the last ones must not fail closing the store.
            }

            database.File.Dispose();
        }
    }

    internal static string SqliteVersion()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sqlite_version()";
        return (string)command.ExecuteScalar()!;
    }

    internal EmbeddedDatabase Database(string name)
    {
        Names.CheckDatabase(name);
        lock (_lock)
        {
            if (!_databases.TryGetValue(name, out var database))
            {
                database = new EmbeddedDatabase(this, name, Path.Combine(Folder, name + Extension));
                _databases[name] = database;
            }

            return database;
        }
    }
}

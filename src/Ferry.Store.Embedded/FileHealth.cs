using Ferry.Core.Storage;
using Microsoft.Data.Sqlite;
using MongoDB.Bson;

namespace Ferry.Store.Embedded;

/// <summary>
/// The embedded store's health: <c>PRAGMA quick_check</c> on every database file of the folder, each opened
/// read-only on its own connection (a damaged file is reported, never modified). Pooling is off so a check never
/// keeps a handle on a file another process wants to replace.
/// </summary>
internal static class FileHealth
{
    public static async Task<StoreHealth> CheckAsync(string folder, CancellationToken cancellationToken)
    {
        var files = new BsonArray();
        var failed = new List<string>();
        var paths = Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*" + EmbeddedStore.Extension).Order(StringComparer.Ordinal).ToList() : [];
        foreach (var path in paths)
        {
            var result = await QuickCheckAsync(path, cancellationToken).ConfigureAwait(false);
            files.Add(new BsonDocument { { "file", path }, { "quickCheck", result } });
            if (result != "ok")
            {
                failed.Add($"{path}: {result}");
            }
        }

        var summary = failed.Count > 0 ? "quick_check failed: " + string.Join("; ", failed)
            : paths.Count == 0 ? $"no database files in {folder}" : $"quick_check ok on {paths.Count} file(s)";
        return new StoreHealth(failed.Count == 0, summary) { Details = new BsonDocument("files", files) };
    }

    private static async Task<string> QuickCheckAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA quick_check";
            var lines = new List<string>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                lines.Add(reader.GetString(0));
            }

            return string.Join("; ", lines.Take(5));
        }
        catch (SqliteException e)
        {
            return e.Message.Replace("SQLite Error ", "error ", StringComparison.Ordinal);
        }
    }
}

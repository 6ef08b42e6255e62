namespace Ferry.Core.Backup.Formats;

/// <summary>
/// Rejects database and collection names read from a dump that could escape the backup folder or are not MongoDB
/// names at all (<c>..</c>, path separators, NUL), before they are used as paths or namespaces.
/// </summary>
public static class NamespaceGuard
{
    /// <summary>mongodump's archive carries the oplog as db <c>""</c>, collection <c>"oplog"</c>.</summary>
    public static bool IsArchiveOplog(string database, string collection) => database.Length == 0 && collection == "oplog";

    public static void Check(string database, string collection, string fileLabel, long offset)
    {
        if (IsArchiveOplog(database, collection))
        {
            return;
        }

        if (database.Length == 0 || database.IndexOfAny(['/', '\\', '\0', '.', ' ', '"', '$']) >= 0)
        {
            throw new BackupFormatException(fileLabel, offset, $"database name \"{Printable(database)}\" is not allowed (empty, or contains a path separator, '.', NUL, space, '\"' or '$')");
        }

        if (collection.Length == 0 || collection.IndexOfAny(['/', '\\', '\0']) >= 0 || collection == "." || collection.Contains("..", StringComparison.Ordinal))
        {
            throw new BackupFormatException(fileLabel, offset, $"collection name \"{Printable(collection)}\" in database \"{database}\" is not allowed (empty, or contains '..', a path separator or NUL)");
        }
    }

    private static string Printable(string name) => name.Replace("\0", "\\0", StringComparison.Ordinal);
}

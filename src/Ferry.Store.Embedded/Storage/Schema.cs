using Ferry.Core.Errors;
using Microsoft.Data.Sqlite;

namespace Ferry.Store.Embedded.Storage;

/// <summary>
/// The SQLite schema of a Ferry database file and the connection settings every connection gets.
/// WAL journal with synchronous=FULL: a batch whose commit returned is on disk even after a power cut, not just
/// after a killed process (NORMAL would only guarantee the latter); Ferry's run checkpoints say "this batch is
/// done", so the commit must really be durable. The cost is one fsync per batch, not per document.
/// </summary>
internal static class Schema
{
    /// <summary>PRAGMA application_id of Ferry database files ("FRRY").</summary>
    public const int ApplicationId = 0x46525259;

    public const string Collections = "ferry_collections";
    public const string Indexes = "ferry_indexes";
    public const string UniqueKeys = "ferry_unique_keys";
    public const string IndexKeys = "ferry_index_keys";
    public const string IndexUsage = "ferry_index_usage";

    /// <summary>The table holding one collection's documents: rowid, encoded <c>_id</c> key (unique), raw BSON.</summary>
    public static string DocumentTable(long collectionId) => "docs_" + collectionId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static void Initialise(SqliteConnection connection, string path)
    {
        Execute(connection, "PRAGMA busy_timeout=60000;");
        Execute(connection, "PRAGMA journal_mode=WAL;");
        Execute(connection, "PRAGMA synchronous=FULL;");
        Execute(connection, "PRAGMA foreign_keys=OFF;");

        var (applicationId, tableCount) = Identity(connection);
        if (applicationId == 0 && tableCount == 0)
        {
            // Another process may be creating the same new file right now: decide again under the write lock.
            using var transaction = connection.BeginTransaction(deferred: false);
            if (Identity(connection, transaction) == (0, 0))
            {
                Execute(connection, $"""
                    PRAGMA application_id={ApplicationId};
                    CREATE TABLE {Collections} (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, options BLOB NOT NULL, uuid TEXT NOT NULL, created TEXT NOT NULL);
                    CREATE TABLE {Indexes} (id INTEGER PRIMARY KEY, collection_id INTEGER NOT NULL, name TEXT NOT NULL, spec BLOB NOT NULL, UNIQUE (collection_id, name));
                    CREATE TABLE {UniqueKeys} (index_id INTEGER NOT NULL, key BLOB NOT NULL, doc_key BLOB NOT NULL, PRIMARY KEY (index_id, key)) WITHOUT ROWID;
                    CREATE TABLE {IndexKeys} (index_id INTEGER NOT NULL, key BLOB NOT NULL, doc_key BLOB NOT NULL, PRIMARY KEY (index_id, key, doc_key)) WITHOUT ROWID;
                    """, transaction);
            }

            transaction.Commit();
            (applicationId, _) = Identity(connection);
        }

        if (applicationId != ApplicationId)
        {
            throw new UserInputException($"{path}: an SQLite database but not a Ferry embedded database (application_id {applicationId}); it was left unchanged");
        }

        // Added after the first files were written: created on open when missing (checked first, so opening a file
        // another process is writing never waits for the write lock).
        if (Scalar(connection, $"SELECT count(*) FROM sqlite_master WHERE name = '{IndexUsage}'") == 0)
        {
            Execute(connection, $"CREATE TABLE IF NOT EXISTS {IndexUsage} (collection TEXT NOT NULL, index_name TEXT NOT NULL, ops INTEGER NOT NULL, since TEXT NOT NULL, PRIMARY KEY (collection, index_name));");
        }
    }

    /// <summary>
    /// The file's application id and table count, read in one statement and so from one snapshot: read apart, another
    /// process could create the schema between the two reads, and a sound Ferry file would look foreign (id 0 with
    /// tables).
    /// </summary>
    private static (long ApplicationId, long Tables) Identity(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT (SELECT application_id FROM pragma_application_id()), (SELECT count(*) FROM sqlite_master);";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    public static void CreateDocumentTable(SqliteConnection connection, SqliteTransaction transaction, long collectionId) =>
        Execute(connection, $"CREATE TABLE {DocumentTable(collectionId)} (k BLOB NOT NULL PRIMARY KEY, doc BLOB NOT NULL) WITHOUT ROWID;", transaction);

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static long Scalar(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }
}

using Ferry.Core.Errors;
using Microsoft.Data.Sqlite;

namespace Ferry.Store.Embedded.Storage;

/// <summary>
/// One Ferry database: one SQLite file, one connection, one gate that serialises every operation on it.
/// Reads of a database whose file does not exist answer "nothing" without creating it; the first write creates it.
/// SQLite errors that mean "this is not (or no longer) a sound database file" become a
/// <see cref="UserInputException"/> naming the file — a damaged file is reported, never emptied or recreated.
/// </summary>
internal sealed class DatabaseFile : IDisposable
{
    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;
    private const int SqliteIoError = 10;
    private const int SqliteFull = 13;
    private static readonly byte[] SqliteHeader = "SQLite format 3\0"u8.ToArray();

    private readonly SemaphoreSlim _gate = new(1, 1);
    private SqliteConnection? _connection;

    public DatabaseFile(string path) => Path = path;

    public string Path { get; }

    public bool Exists => _connection is not null || File.Exists(Path);

    /// <summary>Runs a read under the gate; <paramref name="ifMissing"/> when the database file does not exist.</summary>
    public async Task<T> ReadAsync<T>(Func<SqlSession, T> read, T ifMissing, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_connection is null && !File.Exists(Path))
            {
                return ifMissing;
            }

            var connection = Open(create: false);
            return Translate(() => read(new SqlSession(connection, null)));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Runs <paramref name="write"/> in one IMMEDIATE transaction, committed when it returns, rolled back when it throws.</summary>
    public async Task<T> WriteAsync<T>(Func<SqlSession, T> write, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = Open(create: true);
            return Translate(() =>
            {
                using var transaction = connection.BeginTransaction(deferred: false);
                var result = write(new SqlSession(connection, transaction));
                transaction.Commit();
                return result;
            });
        }
        catch (SqliteException e) when (e.SqliteErrorCode is SqliteFull or SqliteIoError)
        {
            // SQLite reports a full disk (or a file-size limit) as SQLITE_FULL or, when the write itself fails, as a
            // bare "disk I/O error" that names no file. The transaction was rolled back: nothing half-written stays.
            throw DiskFull.Error(Path, e.SqliteErrorCode == SqliteFull ? "the disk is full" : "disk I/O error (a full disk or a file-size limit?)");
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Runs <paramref name="maintain"/> under the gate outside any transaction (VACUUM cannot run in one);
    /// <paramref name="ifMissing"/> when the file does not exist.</summary>
    public async Task<T> MaintainAsync<T>(Func<SqlSession, T> maintain, T ifMissing, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_connection is null && !File.Exists(Path))
            {
                return ifMissing;
            }

            var connection = Open(create: false);
            return Translate(() => maintain(new SqlSession(connection, null)));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Closes the connection and deletes the file and its WAL/SHM companions.</summary>
    public async Task DeleteAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Close();
            foreach (var suffix in new[] { string.Empty, "-wal", "-shm", "-journal" })
            {
                File.Delete(Path + suffix);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Closes the connection once the operation in progress (if any) has finished.</summary>
    public void Dispose()
    {
        _gate.Wait();
        try
        {
            Close();
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Close()
    {
        if (_connection is not null)
        {
            _connection.Dispose();
            _connection = null;
        }
    }

    private SqliteConnection Open(bool create)
    {
        if (_connection is not null)
        {
            return _connection;
        }

        if (File.Exists(Path))
        {
            CheckHeader();
        }
        else if (create)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
        }

        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = 60,
        }.ToString();
        var connection = new SqliteConnection(connectionString);
        try
        {
            Translate(() =>
            {
                connection.Open();
                Schema.Initialise(connection, Path);
                return 0;
            });
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        _connection = connection;
        return connection;
    }

    private void CheckHeader()
    {
        var header = new byte[SqliteHeader.Length];
        int read;
        using (var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        }

        // An empty file is what SQLite itself creates before the first page is written: it is safe to initialise.
        if (read > 0 && (read < header.Length || !header.AsSpan().SequenceEqual(SqliteHeader)))
        {
            throw new UserInputException($"{Path}: not a Ferry embedded database (the file is not an SQLite database); it was left unchanged");
        }
    }

    private T Translate<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (SqliteException e) when (e.SqliteErrorCode is SqliteCorrupt or SqliteNotADatabase)
        {
            throw new UserInputException($"{Path}: the database file is corrupted ({e.Message.TrimEnd('.')}); it was left unchanged — restore it from a backup", e);
        }
    }
}

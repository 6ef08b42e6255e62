using Microsoft.Data.Sqlite;

namespace Ferry.Store.Embedded.Storage;

/// <summary>The connection and (for writes) the open transaction an operation runs in; every command it creates is enlisted.</summary>
internal sealed class SqlSession(SqliteConnection connection, SqliteTransaction? transaction)
{
    public SqliteConnection Connection { get; } = connection;

    public SqliteTransaction? Transaction { get; } = transaction;

    public SqliteCommand Command(string sql)
    {
        var command = Connection.CreateCommand();
        command.Transaction = Transaction;
        command.CommandText = sql;
        return command;
    }

    public int Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command.ExecuteNonQuery();
    }

    public object? Scalar(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        var result = command.ExecuteScalar();
        return result is DBNull ? null : result;
    }

    public long Long(string sql, params (string Name, object? Value)[] parameters) =>
        Convert.ToInt64(Scalar(sql, parameters) ?? 0L, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A savepoint around one document's changes, so a failing index insert undoes only that document.</summary>
    public void Savepoint(string name) => Execute("SAVEPOINT " + name);

    public void Release(string name) => Execute("RELEASE " + name);

    public void RollbackTo(string name)
    {
        Execute("ROLLBACK TO " + name);
        Execute("RELEASE " + name);
    }
}

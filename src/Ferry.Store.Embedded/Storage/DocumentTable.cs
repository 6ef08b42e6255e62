using Microsoft.Data.Sqlite;

namespace Ferry.Store.Embedded.Storage;

/// <summary>A stored document: its encoded <c>_id</c> key and its raw BSON bytes.</summary>
internal readonly record struct StoredDocument(byte[] Key, byte[] Bytes);

/// <summary>
/// Row operations on one collection's document table (encoded <c>_id</c> key → raw BSON) within a session.
/// Prepared statements are kept for the lifetime of the object (one batch), which is what makes bulk inserts fast.
/// Every read returns a completed list, so callers may write between batches without a live cursor on the table.
/// </summary>
internal sealed class DocumentTable : IDisposable
{
    private readonly SqlSession _session;
    private readonly string _table;
    private SqliteCommand? _insert;
    private SqliteCommand? _get;

    public DocumentTable(SqlSession session, CollectionMeta meta)
        : this(session, meta.Table)
    {
    }

    public DocumentTable(SqlSession session, string table)
    {
        _session = session;
        _table = table;
    }

    public byte[]? Get(byte[] key)
    {
        _get ??= Prepare($"SELECT doc FROM {_table} WHERE k = $k", "$k");
        _get.Parameters[0].Value = key;
        return _get.ExecuteScalar() as byte[];
    }

    /// <summary>Up to <paramref name="limit"/> documents of <paramref name="range"/> in key order (or reverse key order).</summary>
    public List<StoredDocument> Read(KeyRange range, int limit, bool descending = false)
    {
        using var command = RangeQuery("k, doc", range, limit, descending);
        using var reader = command.ExecuteReader();
        var rows = new List<StoredDocument>(Math.Min(limit, 4096));
        while (reader.Read())
        {
            rows.Add(new StoredDocument((byte[])reader.GetValue(0), (byte[])reader.GetValue(1)));
        }

        return rows;
    }

    /// <summary>
    /// The fast path of an unfiltered, unprojected scan: up to <paramref name="limit"/> documents' bytes in key order
    /// from <paramref name="range"/>, and the key to continue after — no parsing, no per-row match objects.
    /// </summary>
    public (List<byte[]> Documents, byte[]? LastKey) ReadDocuments(KeyRange range, int limit)
    {
        using var command = RangeQuery("doc", range, limit, descending: false);
        using var reader = command.ExecuteReader();
        var documents = new List<byte[]>(Math.Min(limit, 4096));
        while (reader.Read())
        {
            documents.Add((byte[])reader.GetValue(0));
        }

        // Only the last row's key is needed (to continue after it): encode it from that document's _id.
        if (documents.Count == 0)
        {
            return (documents, null);
        }

        var last = documents[^1];
        return (documents, Keys.KeyEncoder.Encode(RawDocumentBytes.LeadingId(last) ?? new MongoDB.Bson.RawBsonDocument(last)["_id"]));
    }

    /// <summary>SELECT <paramref name="columns"/> of the rows in a key range, in key order, at most <paramref name="limit"/>.</summary>
    private SqliteCommand RangeQuery(string columns, KeyRange range, int limit, bool descending)
    {
        var conditions = new[] { range.Lower is null ? null : "k >= $lo", range.Upper is null ? null : "k < $hi" }.OfType<string>().ToList();
        var command = _session.Command($"SELECT {columns} FROM {_table}"
            + (conditions.Count == 0 ? string.Empty : " WHERE " + string.Join(" AND ", conditions))
            + (descending ? " ORDER BY k DESC LIMIT $n" : " ORDER BY k LIMIT $n"));
        if (range.Lower is not null)
        {
            command.Parameters.AddWithValue("$lo", range.Lower);
        }

        if (range.Upper is not null)
        {
            command.Parameters.AddWithValue("$hi", range.Upper);
        }

        command.Parameters.AddWithValue("$n", limit);
        return command;
    }

    /// <summary>Inserts a row; false when a document with the same key exists (nothing changed).</summary>
    public bool Insert(byte[] key, byte[] bytes)
    {
        _insert ??= Prepare($"INSERT INTO {_table} (k, doc) VALUES ($k, $doc) ON CONFLICT (k) DO NOTHING", "$k", "$doc");
        _insert.Parameters[0].Value = key;
        _insert.Parameters[1].Value = bytes;
        return _insert.ExecuteNonQuery() == 1;
    }

    public void Replace(byte[] key, byte[] bytes) =>
        _session.Execute($"UPDATE {_table} SET doc = $doc WHERE k = $k", ("$doc", bytes), ("$k", key));

    public void Delete(byte[] key) => _session.Execute($"DELETE FROM {_table} WHERE k = $k", ("$k", key));

    public long Count() => _session.Long($"SELECT count(*) FROM {_table}");

    public long DataSize() => _session.Long($"SELECT coalesce(sum(length(doc)), 0) FROM {_table}");

    public long KeySize() => _session.Long($"SELECT coalesce(sum(length(k) + 8), 0) FROM {_table}");

    /// <summary>The key at a 0-based position in key order (for splitting into partitions).</summary>
    public StoredDocument? AtPosition(long position)
    {
        using var command = _session.Command($"SELECT k, doc FROM {_table} ORDER BY k LIMIT 1 OFFSET $o");
        command.Parameters.AddWithValue("$o", position);
        using var reader = command.ExecuteReader();
        return reader.Read() ? new StoredDocument((byte[])reader.GetValue(0), (byte[])reader.GetValue(1)) : null;
    }

    public void Dispose()
    {
        _insert?.Dispose();
        _get?.Dispose();
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = _session.Command(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(parameter, SqliteType.Blob);
        }

        command.Prepare();
        return command;
    }
}

using Ferry.Query.Common;
using Ferry.Store.Embedded.Storage;
using MongoDB.Bson;
using MongoDB.Bson.IO;

namespace Ferry.Store.Embedded.Indexes;

/// <summary>
/// The side tables holding secondary index entries (index id, encoded key, document key). Unique indexes live in a
/// table whose primary key is (index id, key), so SQLite itself refuses a second document with the same key;
/// the refusal becomes MongoDB's E11000 error. Other indexes allow many documents per key.
/// </summary>
internal static class IndexStore
{
    public static string TableOf(IndexDefinition index) => index.IsUnique ? Schema.UniqueKeys : Schema.IndexKeys;

    /// <summary>Adds a document's entries; a unique key held by another document throws DuplicateKey (11000).</summary>
    public static void AddEntries(SqlSession session, string collectionNamespace, IndexDefinition index, IReadOnlyDictionary<byte[], BsonValue[]> keys, byte[] documentKey)
    {
        if (keys.Count == 0)
        {
            return;
        }

        using var command = session.Command(index.IsUnique
            ? $"INSERT INTO {Schema.UniqueKeys} (index_id, key, doc_key) VALUES ($i, $k, $d) ON CONFLICT DO NOTHING"
            : $"INSERT OR IGNORE INTO {Schema.IndexKeys} (index_id, key, doc_key) VALUES ($i, $k, $d)");
        var indexId = command.Parameters.AddWithValue("$i", index.Id);
        var key = command.Parameters.Add("$k", Microsoft.Data.Sqlite.SqliteType.Blob);
        command.Parameters.AddWithValue("$d", documentKey);
        foreach (var (encoded, values) in keys)
        {
            key.Value = encoded;
            if (command.ExecuteNonQuery() == 0 && index.IsUnique)
            {
                throw DuplicateKey(collectionNamespace, index.Name, index.Paths, values);
            }
        }
    }

    public static void RemoveEntries(SqlSession session, IndexDefinition index, IEnumerable<byte[]> keys, byte[] documentKey)
    {
        using var command = session.Command($"DELETE FROM {TableOf(index)} WHERE index_id = $i AND key = $k AND doc_key = $d");
        command.Parameters.AddWithValue("$i", index.Id);
        var key = command.Parameters.Add("$k", Microsoft.Data.Sqlite.SqliteType.Blob);
        command.Parameters.AddWithValue("$d", documentKey);
        foreach (var encoded in keys)
        {
            key.Value = encoded;
            command.ExecuteNonQuery();
        }
    }

    public static void DeleteAllEntries(SqlSession session, IndexDefinition index) =>
        session.Execute($"DELETE FROM {TableOf(index)} WHERE index_id = $i", ("$i", index.Id));

    /// <summary>Document keys holding any of <paramref name="keys"/> in the index, distinct, in document-key (<c>_id</c>) order, within <paramref name="range"/>.</summary>
    public static List<byte[]> Lookup(SqlSession session, IndexDefinition index, IReadOnlyList<byte[]> keys, KeyRange range, int limit, bool descending = false)
    {
        var keyList = string.Join(", ", keys.Select((_, i) => "$k" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        using var command = session.Command(
            $"SELECT DISTINCT doc_key FROM {TableOf(index)} WHERE index_id = $i AND key IN ({keyList}) AND doc_key >= $lo"
            + (range.Upper is null ? string.Empty : " AND doc_key < $hi") + (descending ? " ORDER BY doc_key DESC LIMIT $n" : " ORDER BY doc_key LIMIT $n"));
        command.Parameters.AddWithValue("$i", index.Id);
        for (var i = 0; i < keys.Count; i++)
        {
            command.Parameters.AddWithValue("$k" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), keys[i]);
        }

        command.Parameters.AddWithValue("$lo", range.Lower ?? []);
        if (range.Upper is not null)
        {
            command.Parameters.AddWithValue("$hi", range.Upper);
        }

        command.Parameters.AddWithValue("$n", limit);
        using var reader = command.ExecuteReader();
        var result = new List<byte[]>();
        while (reader.Read())
        {
            result.Add((byte[])reader.GetValue(0));
        }

        return result;
    }

    /// <summary>Approximate bytes of the index: its entries' key and document-key bytes.</summary>
    public static long SizeOf(SqlSession session, IndexDefinition index) =>
        session.Long($"SELECT coalesce(sum(length(key) + length(doc_key) + 8), 0) FROM {TableOf(index)} WHERE index_id = $i", ("$i", index.Id));

    /// <summary>MongoDB's duplicate key error: <c>E11000 duplicate key error collection: db.c index: a_1 dup key: { a: 1 }</c>.</summary>
    public static MqlException DuplicateKey(string collectionNamespace, string indexName, IReadOnlyList<string> paths, IReadOnlyList<BsonValue> values)
    {
        var settings = new JsonWriterSettings { OutputMode = JsonOutputMode.Shell };
        var fields = string.Join(", ", paths.Select((p, i) => p + ": " + (i < values.Count ? ShellText(values[i], settings) : "null")));
        return ErrorCodes.Create(ErrorCodes.DuplicateKey, $"E11000 duplicate key error collection: {collectionNamespace} index: {indexName} dup key: {{ {fields} }}");
    }

    /// <summary>A value as MongoDB prints it in error messages (shell syntax, <c>ObjectId('…')</c> with single quotes).</summary>
    private static string ShellText(BsonValue value, JsonWriterSettings settings) =>
        System.Text.RegularExpressions.Regex.Replace(value.ToJson(settings), "ObjectId\\(\"([0-9a-f]{24})\"\\)", "ObjectId('$1')");
}

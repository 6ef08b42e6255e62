using Ferry.Query.Common;
using Ferry.Store.Embedded.Indexes;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;

namespace Ferry.Store.Embedded.Storage;

/// <summary>
/// The collection and index catalog of one database file: create, find, list, drop and rename collections,
/// store their options (validator, …) and their index specs. Runs inside the caller's <see cref="SqlSession"/>.
/// </summary>
internal static class Catalog
{
    public static CollectionMeta? Find(SqlSession session, string name)
    {
        using var command = session.Command($"SELECT id, name, options, uuid, created FROM {Schema.Collections} WHERE name = $name");
        command.Parameters.AddWithValue("$name", name);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var row = ReadRow(reader);
        reader.Close();
        return row with { Indexes = LoadIndexes(session, row.Id) };
    }

    /// <summary>
    /// The document table of the collection, or null when it does not exist: one indexed lookup, without loading
    /// options or indexes (a scan asks again before every batch, so it notices a collection dropped under it).
    /// </summary>
    public static string? FindTable(SqlSession session, string name) =>
        session.Scalar($"SELECT id FROM {Schema.Collections} WHERE name = $name", ("$name", name)) is long id ? Schema.DocumentTable(id) : null;

    public static IReadOnlyList<CollectionMeta> List(SqlSession session)
    {
        var rows = new List<CollectionMeta>();
        using (var command = session.Command($"SELECT id, name, options, uuid, created FROM {Schema.Collections} ORDER BY name"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                rows.Add(ReadRow(reader));
            }
        }

        return rows.Select(r => r with { Indexes = LoadIndexes(session, r.Id) }).ToList();
    }

    /// <summary>The collection, created with default options when it does not exist (an insert creates its collection).</summary>
    public static CollectionMeta GetOrCreate(SqlSession session, string name, TimeProvider time) =>
        Find(session, name) ?? Create(session, name, new BsonDocument(), time);

    public static CollectionMeta Create(SqlSession session, string name, BsonDocument options, TimeProvider time)
    {
        if (Find(session, name) is not null)
        {
            throw ErrorCodes.Create(ErrorCodes.NamespaceExists, $"Collection {name} already exists.");
        }

        var uuid = Guid.NewGuid().ToString("N");
        var created = time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var id = session.Long(
            $"INSERT INTO {Schema.Collections} (name, options, uuid, created) VALUES ($name, $options, $uuid, $created) RETURNING id",
            ("$name", name), ("$options", options.ToBson()), ("$uuid", uuid), ("$created", created));
        Schema.CreateDocumentTable(session.Connection, session.Transaction!, id);
        return new CollectionMeta(id, name, options, uuid, created, []);
    }

    /// <summary>Drops the collection's documents, index entries and catalog rows; false when it did not exist.</summary>
    public static bool Drop(SqlSession session, string name)
    {
        var meta = Find(session, name);
        if (meta is null)
        {
            return false;
        }

        foreach (var index in meta.Indexes)
        {
            IndexStore.DeleteAllEntries(session, index);
        }

        session.Execute($"DELETE FROM {Schema.Indexes} WHERE collection_id = $id", ("$id", meta.Id));
        session.Execute($"DELETE FROM {Schema.IndexUsage} WHERE collection = $name", ("$name", name));
        session.Execute($"DELETE FROM {Schema.Collections} WHERE id = $id", ("$id", meta.Id));
        session.Execute($"DROP TABLE {meta.Table}");
        return true;
    }

    public static void Rename(SqlSession session, string from, string to, bool dropTarget)
    {
        if (Find(session, from) is null)
        {
            throw ErrorCodes.Create(ErrorCodes.NamespaceNotFound, "Source collection does not exist");
        }

        if (from == to)
        {
            throw ErrorCodes.Create(ErrorCodes.IllegalOperation, "Can't rename a collection to itself");
        }

        if (Find(session, to) is not null)
        {
            if (!dropTarget)
            {
                throw ErrorCodes.Create(ErrorCodes.NamespaceExists, "target namespace exists");
            }

            Drop(session, to);
        }

        session.Execute($"UPDATE {Schema.Collections} SET name = $to WHERE name = $from", ("$to", to), ("$from", from));
        session.Execute($"UPDATE {Schema.IndexUsage} SET collection = $to WHERE collection = $from", ("$to", to), ("$from", from));
    }

    public static void SetOptions(SqlSession session, long collectionId, BsonDocument options) =>
        session.Execute($"UPDATE {Schema.Collections} SET options = $options WHERE id = $id", ("$options", options.ToBson()), ("$id", collectionId));

    public static IndexDefinition AddIndex(SqlSession session, long collectionId, IndexDefinition index)
    {
        var id = session.Long(
            $"INSERT INTO {Schema.Indexes} (collection_id, name, spec) VALUES ($c, $name, $spec) RETURNING id",
            ("$c", collectionId), ("$name", index.Name), ("$spec", index.Spec.ToBson()));
        return IndexDefinition.FromStored(id, index.Spec);
    }

    public static void RemoveIndex(SqlSession session, string collection, IndexDefinition index)
    {
        IndexStore.DeleteAllEntries(session, index);
        session.Execute($"DELETE FROM {Schema.IndexUsage} WHERE collection = $c AND index_name = $i", ("$c", collection), ("$i", index.Name));
        session.Execute($"DELETE FROM {Schema.Indexes} WHERE id = $id", ("$id", index.Id));
    }

    private static List<IndexDefinition> LoadIndexes(SqlSession session, long collectionId)
    {
        var indexes = new List<IndexDefinition>();
        using var command = session.Command($"SELECT id, spec FROM {Schema.Indexes} WHERE collection_id = $c ORDER BY id");
        command.Parameters.AddWithValue("$c", collectionId);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            indexes.Add(IndexDefinition.FromStored(reader.GetInt64(0), BsonSerializer.Deserialize<BsonDocument>((byte[])reader.GetValue(1))));
        }

        return indexes;
    }

    private static CollectionMeta ReadRow(Microsoft.Data.Sqlite.SqliteDataReader reader) =>
        new(
            reader.GetInt64(0),
            reader.GetString(1),
            BsonSerializer.Deserialize<BsonDocument>((byte[])reader.GetValue(2)),
            reader.GetString(3),
            reader.GetString(4),
            []);
}

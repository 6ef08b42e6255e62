using Ferry.Core.Storage;
using Ferry.Query.Common;
using Ferry.Store.Embedded.Indexes;
using Ferry.Store.Embedded.Storage;
using MongoDB.Bson;

namespace Ferry.Store.Embedded;

/// <summary>Indexes and statistics of <see cref="EmbeddedCollection"/>.</summary>
public sealed partial class EmbeddedCollection
{
    /// <summary>The implicit <c>_id</c> index, listed first as MongoDB lists it.</summary>
    internal static BsonDocument IdIndexSpec => new() { { "v", 2 }, { "key", new BsonDocument("_id", 1) }, { "name", "_id_" } };

    public async Task<IReadOnlyList<BsonDocument>> ListIndexesAsync(CancellationToken cancellationToken = default)
    {
        var indexes = await File.ReadAsync(
            session => Catalog.Find(session, Name)?.Indexes.Select(i => i.Spec.DeepClone().AsBsonDocument).ToList(),
            null,
            cancellationToken).ConfigureAwait(false)
            ?? throw ErrorCodes.Create(ErrorCodes.NamespaceNotFound, $"ns does not exist: {Namespace}");
        return [IdIndexSpec, .. indexes];
    }

    public Task<IReadOnlyList<string>> CreateIndexesAsync(IReadOnlyList<BsonDocument> specs, CancellationToken cancellationToken = default)
    {
        var parsed = specs.Select(IndexDefinition.Parse).ToList();
        return File.WriteAsync<IReadOnlyList<string>>(
            session =>
            {
                var meta = Catalog.GetOrCreate(session, Name, _database.Time);
                var existing = meta.Indexes.ToList();
                var names = new List<string>();
                foreach (var index in parsed)
                {
                    if (IsIdIndex(index))
                    {
                        names.Add("_id_");
                        continue;
                    }

                    if (Conflicts(existing, index) is { } same)
                    {
                        names.Add(same.Name);
                        continue;
                    }

                    var stored = Catalog.AddIndex(session, meta.Id, index);
                    Build(session, meta, stored);
                    StartUsageCounter(session, stored.Name);
                    existing.Add(stored);
                    names.Add(stored.Name);
                }

                return names;
            },
            cancellationToken);
    }

    public Task DropIndexAsync(string name, CancellationToken cancellationToken = default) =>
        File.WriteAsync(
            session =>
            {
                var meta = Catalog.Find(session, Name) ?? throw ErrorCodes.Create(ErrorCodes.NamespaceNotFound, $"ns not found {Namespace}");
                if (name == "_id_")
                {
                    throw ErrorCodes.Create(ErrorCodes.InvalidOptions, "cannot drop _id index");
                }

                if (name == "*")
                {
                    foreach (var each in meta.Indexes)
                    {
                        _database.ForgetIndexUse(Name, each.Name);
                        Catalog.RemoveIndex(session, Name, each);
                    }

                    return 0;
                }

                var index = meta.Indexes.FirstOrDefault(i => i.Name == name)
                    ?? throw ErrorCodes.Create(ErrorCodes.IndexNotFound, $"index not found with name [{name}]");
                _database.ForgetIndexUse(Name, index.Name);
                Catalog.RemoveIndex(session, Name, index);
                return 0;
            },
            cancellationToken);

    public Task<IReadOnlyList<IndexUsage>> GetIndexUsageAsync(CancellationToken cancellationToken = default) =>
        File.ReadAsync<IReadOnlyList<IndexUsage>>(
            session =>
            {
                var meta = Catalog.Find(session, Name);
                if (meta is null)
                {
                    return [];
                }

                var stored = new Dictionary<string, (long Ops, DateTime Since)>();
                using (var command = session.Command($"SELECT index_name, ops, since FROM {Schema.IndexUsage} WHERE collection = $c"))
                {
                    command.Parameters.AddWithValue("$c", Name);
                    using var reader = command.ExecuteReader();
                    while (reader.Read())
                    {
                        stored[reader.GetString(0)] = (reader.GetInt64(1), DateTime.Parse(reader.GetString(2), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind));
                    }
                }

                // Since: when this index's uses were first recorded (created or first used), like $indexStats' accesses.since.
                var created = DateTime.Parse(meta.Created, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind);
                return meta.Indexes.Select(i => i.Name).Prepend("_id_")
                    .Select(n =>
                    {
                        var (ops, since) = stored.TryGetValue(n, out var row) ? row : (0L, created);
                        return new IndexUsage(n, ops + _database.PendingIndexUses(Name, n), since);
                    })
                    .ToList();
            },
            [],
            cancellationToken);

    public Task<CollectionStats> GetStatsAsync(CancellationToken cancellationToken = default) =>
        File.ReadAsync(
            session => Catalog.Find(session, Name) is { } meta ? StatsOf(session, meta, _database.Name) : EmptyStats(),
            EmptyStats(),
            cancellationToken);

    internal static CollectionStats StatsOf(SqlSession session, CollectionMeta meta, string databaseName)
    {
        using var table = new DocumentTable(session, meta);
        var count = table.Count();
        var dataSize = table.DataSize();
        var sizes = new Dictionary<string, long> { ["_id_"] = PageBytes(session, "sqlite_autoindex_" + meta.Table + "_1") ?? table.KeySize() };
        foreach (var index in meta.Indexes)
        {
            sizes[index.Name] = IndexStore.SizeOf(session, index);
        }

        var storage = PageBytes(session, meta.Table) ?? dataSize;
        return new CollectionStats(databaseName + "." + meta.Name, count, dataSize, count == 0 ? 0 : dataSize / count, storage, sizes.Count, sizes.Values.Sum(), sizes);
    }

    /// <summary>A new index's counter starts at its creation (ops 0), so "unused since DATE" never counts time before it
    /// existed; a counter left by a dropped index of the same name was removed with it.</summary>
    private void StartUsageCounter(SqlSession session, string index) =>
        session.Execute(
            $"INSERT INTO {Schema.IndexUsage} (collection, index_name, ops, since) VALUES ($c, $i, 0, $now) ON CONFLICT (collection, index_name) DO NOTHING",
            ("$c", Name), ("$i", index), ("$now", _database.Time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture)));

    private static bool IsIdIndex(IndexDefinition index) =>
        index.Name == "_id_" || (index.Key.ElementCount == 1 && index.Key.GetElement(0).Name == "_id" && index.PartialFilter is null && !index.IsSparse);

    /// <summary>Bytes of SQLite pages holding a table or index (the dbstat virtual table), or null when unavailable.</summary>
    private static long? PageBytes(SqlSession session, string name)
    {
        try
        {
            return session.Long("SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name = $n", ("$n", name));
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return null;
        }
    }

    /// <summary>The existing index equal to <paramref name="index"/> (null when it is new); conflicting ones throw 85/86 as MongoDB does.</summary>
    private static IndexDefinition? Conflicts(IEnumerable<IndexDefinition> existing, IndexDefinition index)
    {
        foreach (var other in existing)
        {
            if (other.Name == index.Name)
            {
                if (!other.HasSameKey(index))
                {
                    throw ErrorCodes.Create(
                        ErrorCodes.IndexKeySpecsConflict,
                        $"An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. Requested index: {index.Spec}, existing index: {other.Spec}");
                }

                if (!other.HasSameOptions(index))
                {
                    throw ErrorCodes.Create(
                        ErrorCodes.IndexOptionsConflict,
                        $"An equivalent index already exists with the same name but different options. Requested index: {index.Spec}, existing index: {other.Spec}");
                }

                return other;
            }

            if (other.HasSameKey(index) && Equals(other.PartialFilter, index.PartialFilter))
            {
                throw ErrorCodes.Create(ErrorCodes.IndexOptionsConflict, $"Index already exists with a different name: {other.Name}");
            }
        }

        return null;
    }

    /// <summary>Fills a new index from the existing documents; a duplicate on a unique index fails the whole createIndexes.</summary>
    private void Build(SqlSession session, CollectionMeta meta, IndexDefinition index)
    {
        using var table = new DocumentTable(session, meta);
        var range = KeyRange.All;
        while (true)
        {
            var batch = table.Read(range, 1000);
            foreach (var row in batch)
            {
                IndexStore.AddEntries(session, Namespace, index, IndexKeys.KeysOf(index, Documents.Materialize(row.Bytes)), row.Key);
            }

            if (batch.Count < 1000)
            {
                return;
            }

            range = new KeyRange(KeyRange.After(batch[^1].Key), null);
        }
    }

    private CollectionStats EmptyStats() => new(Namespace, 0, 0, 0, 0, 0, 0, new Dictionary<string, long>());
}

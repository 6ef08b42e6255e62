using System.Collections.Concurrent;
using Ferry.Core.Storage;
using Ferry.Query.Aggregation;
using Ferry.Query.Common;
using Ferry.Query.Filters;
using Ferry.Store.Embedded.Storage;
using MongoDB.Bson;

namespace Ferry.Store.Embedded;

/// <summary>
/// A database of the embedded store: one SQLite file (<c>PATH/&lt;name&gt;.ferrydb</c>), created by its first write.
/// Holds the in-memory index usage counters (since this store was opened, like MongoDB's $indexStats).
/// </summary>
public sealed partial class EmbeddedDatabase : IDocumentDatabase
{
    private readonly EmbeddedStore _store;
    private readonly ConcurrentDictionary<(string Collection, string Index), long> _indexUses = new();

    internal EmbeddedDatabase(EmbeddedStore store, string name, string path)
    {
        _store = store;
        Name = name;
        File = new DatabaseFile(path);
        Started = store.Time.GetUtcNow();
        PipelineSource = new DatabasePipelineSource(this);
    }

    public string Name { get; }

    public IDocumentStore Store => _store;

    internal DatabaseFile File { get; }

    internal TimeProvider Time => _store.Time;

    internal QueryContext Context => _store.Context;

    internal DateTimeOffset Started { get; }

    internal IPipelineSource PipelineSource { get; }

    public Task<IReadOnlyList<CollectionInfo>> ListCollectionsAsync(CancellationToken cancellationToken = default) =>
        File.ReadAsync<IReadOnlyList<CollectionInfo>>(
            session => Catalog.List(session).Select(c => new CollectionInfo(c.Name, "collection", c.Options) { Uuid = c.Uuid }).ToList(),
            [],
            cancellationToken);

    public Task CreateCollectionAsync(string name, BsonDocument? options = null, CancellationToken cancellationToken = default)
    {
        Names.CheckCollection(name);
        var checkedOptions = CheckCollectionOptions(options ?? new BsonDocument());
        return File.WriteAsync(session => Catalog.Create(session, name, checkedOptions, Time), cancellationToken);
    }

    public Task DropCollectionAsync(string name, CancellationToken cancellationToken = default)
    {
        Names.CheckCollection(name);
        ForgetIndexUses(name);
        return File.Exists ? File.WriteAsync(session => Catalog.Drop(session, name), cancellationToken) : Task.CompletedTask;
    }

    public Task RenameCollectionAsync(string from, string to, bool dropTarget = false, CancellationToken cancellationToken = default)
    {
        Names.CheckCollection(from);
        Names.CheckCollection(to);
        if (!File.Exists)
        {
            throw ErrorCodes.Create(ErrorCodes.NamespaceNotFound, "Source collection does not exist");
        }

        return File.WriteAsync(
            session =>
            {
                FlushIndexUses(session);
                Catalog.Rename(session, from, to, dropTarget);
                return 0;
            },
            cancellationToken);
    }

    public IDocumentCollection GetCollection(string name) => new EmbeddedCollection(this, name);

    /// <summary>SQLite's <c>PRAGMA quick_check</c> of the database file: "ok", or the first problem it found.</summary>
    public Task<string> QuickCheckAsync(CancellationToken cancellationToken = default) =>
        File.ReadAsync(session => session.Scalar("PRAGMA quick_check") as string ?? "ok", "ok", cancellationToken);

    public Task<DatabaseStats> GetStatsAsync(CancellationToken cancellationToken = default) =>
        File.ReadAsync(
            session =>
            {
                var collections = Catalog.List(session).Select(c => EmbeddedCollection.StatsOf(session, c, Name)).ToList();
                var fileSize = session.Long("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()");
                return new DatabaseStats(
                    Name,
                    collections.Count,
                    collections.Sum(c => c.Count),
                    collections.Sum(c => c.DataSize),
                    fileSize,
                    collections.Sum(c => c.IndexCount),
                    collections.Sum(c => c.TotalIndexSize));
            },
            new DatabaseStats(Name, 0, 0, 0, 0, 0, 0),
            cancellationToken);

    internal void CountIndexUse(string collection, string? index)
    {
        if (index is not null)
        {
            _indexUses.AddOrUpdate((collection, index), 1, (_, n) => n + 1);
        }
    }

    /// <summary>Uses counted in memory and not yet added to the usage table.</summary>
    internal long PendingIndexUses(string collection, string index) => _indexUses.TryGetValue((collection, index), out var n) ? n : 0;

    /// <summary>
    /// Adds the counted index uses to the usage table, so counters survive the process (a CLI run is one process;
    /// <c>ferry indexes unused</c> needs the history). Runs inside a write transaction, under the database gate, where
    /// all counting happens too, so no use is lost or counted twice.
    /// </summary>
    internal void FlushIndexUses(SqlSession session)
    {
        foreach (var ((collection, index), count) in _indexUses.ToArray())
        {
            session.Execute(
                $"INSERT INTO {Schema.IndexUsage} (collection, index_name, ops, since) VALUES ($c, $i, $n, $now) ON CONFLICT (collection, index_name) DO UPDATE SET ops = ops + excluded.ops",
                ("$c", collection), ("$i", index), ("$n", count), ("$now", Time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture)));
            _indexUses.TryRemove((collection, index), out _);
        }
    }

    /// <summary>Drops pending counts of a dropped index, so a new index of the same name starts from zero.</summary>
    internal void ForgetIndexUse(string collection, string index) => _indexUses.TryRemove((collection, index), out _);

    /// <summary>Drops pending counts of a dropped database.</summary>
    internal void ForgetAllIndexUses() => _indexUses.Clear();

    private void ForgetIndexUses(string collection)
    {
        foreach (var key in _indexUses.Keys.Where(k => k.Collection == collection).ToList())
        {
            _indexUses.TryRemove(key, out _);
        }
    }

    /// <summary>Writes pending index-use counts (on close).</summary>
    internal async Task FlushIndexUsesAsync(CancellationToken cancellationToken)
    {
        if (!_indexUses.IsEmpty && File.Exists)
        {
            await File.WriteAsync(
                session =>
                {
                    FlushIndexUses(session);
                    return 0;
                },
                cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Validates create/collMod options: a validator must be a valid filter, levels and actions MongoDB's words.</summary>
    internal BsonDocument CheckCollectionOptions(BsonDocument options)
    {
        if (options.TryGetValue("validator", out var validator))
        {
            if (validator is not BsonDocument validatorDocument)
            {
                throw ErrorCodes.Type("'validator' must be an object");
            }

            var withoutSchema = new BsonDocument(validatorDocument.Where(e => e.Name != "$jsonSchema"));
            FilterMatcher.Compile(withoutSchema, Context);
            if (validatorDocument.TryGetValue("$jsonSchema", out var schema))
            {
                _ = schema is BsonDocument schemaDocument
                    ? Ferry.Query.Schema.JsonSchemaValidator.Compile(schemaDocument)
                    : throw ErrorCodes.Type("$jsonSchema must be an object");
            }
        }

        if (options.TryGetValue("validationLevel", out var level) && level is not BsonString { Value: "off" or "strict" or "moderate" })
        {
            throw ErrorCodes.Bad($"Enumeration value '{level}' for field 'validationLevel' is not a valid value.");
        }

        if (options.TryGetValue("validationAction", out var action) && action is not BsonString { Value: "error" or "warn" or "errorAndLog" })
        {
            throw ErrorCodes.Bad($"Enumeration value '{action}' for field 'validationAction' is not a valid value.");
        }

        return options;
    }

    /// <summary>Lets <c>$lookup</c>/<c>$unionWith</c> read other collections of this database.</summary>
    private sealed class DatabasePipelineSource(EmbeddedDatabase database) : IPipelineSource
    {
        public IAsyncEnumerable<BsonDocument> ReadCollectionAsync(string collection, CancellationToken cancellationToken = default) =>
            new EmbeddedCollection(database, collection).ReadDocumentsAsync(null, 1000, cancellationToken);
    }
}

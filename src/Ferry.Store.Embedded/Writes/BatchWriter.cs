using Ferry.Core.Storage;
using Ferry.Query.Common;
using Ferry.Query.Filters;
using Ferry.Query.Sorting;
using Ferry.Query.Updates;
using Ferry.Store.Embedded.Indexes;
using Ferry.Store.Embedded.Keys;
using Ferry.Store.Embedded.Query;
using Ferry.Store.Embedded.Storage;
using MongoDB.Bson;

namespace Ferry.Store.Embedded.Writes;

/// <summary>
/// Applies write requests to one collection inside the batch's transaction, with MongoDB's semantics: inserts add
/// an <c>_id</c>, updates and replacements count matched and modified documents (a no-op update matches but does not
/// modify), upserts insert when nothing matched, and every document change keeps the secondary indexes in step.
/// A document's change is all-or-nothing (a savepoint when secondary indexes are involved); earlier changes stay,
/// as on MongoDB.
/// </summary>
internal sealed class BatchWriter : IDisposable
{
    private const int CandidateBatch = 256;

    private readonly SqlSession _session;
    private readonly CollectionMeta _meta;
    private readonly string _namespace;
    private readonly DocumentTable _table;
    private readonly DocumentValidator _validator;
    private readonly QueryContext _context;
    private readonly bool _bypassValidation;
    private readonly Action<string>? _indexUsed;

    public BatchWriter(SqlSession session, CollectionMeta meta, string databaseName, bool bypassValidation, QueryContext context, Action<string>? indexUsed)
    {
        _session = session;
        _meta = meta;
        _namespace = databaseName + "." + meta.Name;
        _table = new DocumentTable(session, meta);
        _validator = DocumentValidator.From(meta.Options);
        _context = context;
        _bypassValidation = bypassValidation;
        _indexUsed = indexUsed;
    }

    public long Inserted { get; private set; }

    public long Matched { get; private set; }

    public long Modified { get; private set; }

    public long Deleted { get; private set; }

    public List<BulkWriteUpsert> Upserts { get; } = [];

    public Dictionary<int, BsonValue> InsertedIds { get; } = [];

    public BulkWriteResult Result => new()
    {
        InsertedCount = Inserted,
        MatchedCount = Matched,
        ModifiedCount = Modified,
        DeletedCount = Deleted,
        Upserts = Upserts.ToList(),
        InsertedIds = new Dictionary<int, BsonValue>(InsertedIds),
    };

    /// <summary>Applies an update, replacement or delete; inserts arrive prepared, through <see cref="Insert(int, PreparedDocument)"/>.</summary>
    public void Apply(int index, WriteRequest request)
    {
        switch (request)
        {
            case UpdateRequest update:
                Update(index, update.Filter, UpdateSpec.Parse(update.Update, update.ArrayFilters, _context), update.IsMulti, update.IsUpsert, null);
                break;
            case ReplaceRequest replace:
                Update(index, replace.Filter, UpdateSpec.Replacement(replace.Replacement), false, replace.IsUpsert, replace.Replacement);
                break;
            case DeleteRequest delete:
                Delete(delete.Filter, delete.IsMulti);
                break;
            default:
                throw ErrorCodes.Bad("unknown write request " + request.GetType().Name);
        }
    }

    /// <summary>Inserts a document prepared (serialised and checked) by <see cref="Documents.PrepareInsert"/>.</summary>
    public void Insert(int index, PreparedDocument prepared)
    {
        InsertedIds[index] = Insert(prepared);
        Inserted++;
    }

    /// <summary>The first matching document in <paramref name="sort"/> order (<c>_id</c> order without a sort).</summary>
    public (StoredDocument Stored, BsonDocument Document, MatchDetails Details)? FindOne(BsonDocument filter, BsonDocument? sort)
    {
        var matcher = FilterMatcher.Compile(filter, _context);
        var comparer = sort is { ElementCount: > 0 } ? SortSpec.Parse(sort) : null;
        (StoredDocument, BsonDocument, MatchDetails)? best = null;
        foreach (var candidate in Matching(filter, matcher))
        {
            if (comparer is null)
            {
                return candidate;
            }

            if (best is null || comparer.Compare(candidate.Document, best.Value.Item2) < 0)
            {
                best = candidate;
            }
        }

        return best;
    }

    /// <summary>Applies <paramref name="spec"/> to a stored document; returns the resulting document (unchanged when a no-op).</summary>
    public BsonDocument ApplyUpdate(StoredDocument stored, BsonDocument document, UpdateSpec spec, MatchDetails details, BsonDocument? replacement)
    {
        if (replacement is not null && replacement.TryGetValue("_id", out var newId) && !BsonValueComparer.Instance.Equals(newId, document["_id"]))
        {
            throw ImmutableId(newId);
        }

        var outcome = spec.Apply(document, details);
        if (!outcome.Modified)
        {
            Matched++;
            return document;
        }

        var updated = outcome.Document;
        if (!updated.TryGetValue("_id", out var id))
        {
            updated = Documents.MoveIdFirst(new BsonDocument(updated) { { "_id", document["_id"] } });
        }
        else if (!BsonValueComparer.Instance.Equals(id, document["_id"]))
        {
            throw ImmutableId(id);
        }

        var bytes = Documents.Serialize(updated);
        if (!_bypassValidation)
        {
            _validator.Check(updated, document);
        }

        Atomically(() =>
        {
            _table.Replace(stored.Key, bytes);
            foreach (var index in _meta.Indexes)
            {
                var before = IndexKeys.KeysOf(index, document);
                var after = IndexKeys.KeysOf(index, updated);
                IndexStore.RemoveEntries(_session, index, before.Keys.Where(k => !after.ContainsKey(k)), stored.Key);
                IndexStore.AddEntries(_session, _namespace, index, after.Where(k => !before.ContainsKey(k.Key)).ToDictionary(ByteArrayComparer.Instance), stored.Key);
            }
        });
        Matched++;
        Modified++;
        return updated;
    }

    /// <summary>Inserts the document an upsert creates; returns it as stored.</summary>
    public PreparedDocument InsertUpsert(int index, BsonDocument filter, UpdateSpec spec, BsonDocument? replacement)
    {
        BsonDocument document;
        if (replacement is not null)
        {
            document = new BsonDocument(replacement);
            if (!document.Contains("_id") && filter.TryGetValue("_id", out var filterId) && filterId is not BsonDocument { ElementCount: > 0 } && filterId is not BsonRegularExpression)
            {
                document = new BsonDocument("_id", filterId).AddRange(document);
            }
        }
        else
        {
            document = spec.BuildUpsertDocument(filter);
        }

        var prepared = Documents.PrepareInsert(Documents.MoveIdFirst(document));
        Insert(prepared);
        Upserts.Add(new BulkWriteUpsert(index, prepared.Id));
        return prepared;
    }

    public void Remove(StoredDocument stored, BsonDocument document)
    {
        Atomically(() =>
        {
            _table.Delete(stored.Key);
            foreach (var index in _meta.Indexes)
            {
                IndexStore.RemoveEntries(_session, index, IndexKeys.KeysOf(index, document).Keys, stored.Key);
            }
        });
        Deleted++;
    }

    public void Dispose() => _table.Dispose();

    private static MqlException ImmutableId(BsonValue id) =>
        ErrorCodes.Create(ErrorCodes.ImmutableField, $"After applying the update, the (immutable) field '_id' was found to have been altered to _id: {id}");

    private BsonValue Insert(PreparedDocument prepared)
    {
        if (!_bypassValidation)
        {
            _validator.Check(prepared.Document, null);
        }

        var key = KeyEncoder.Encode(prepared.Id);
        Atomically(() =>
        {
            if (!_table.Insert(key, prepared.Bytes))
            {
                throw IndexStore.DuplicateKey(_namespace, "_id_", ["_id"], [prepared.Id]);
            }

            foreach (var index in _meta.Indexes)
            {
                IndexStore.AddEntries(_session, _namespace, index, IndexKeys.KeysOf(index, prepared.Document), key);
            }
        });
        return prepared.Id;
    }

    private void Update(int index, BsonDocument filter, UpdateSpec spec, bool multi, bool upsert, BsonDocument? replacement)
    {
        var matcher = FilterMatcher.Compile(filter, _context);
        var matched = false;
        foreach (var (stored, document, details) in Matching(filter, matcher))
        {
            ApplyUpdate(stored, document, spec, details, replacement);
            matched = true;
            if (!multi)
            {
                break;
            }
        }

        if (!matched && upsert)
        {
            InsertUpsert(index, filter, spec, replacement);
        }
    }

    private void Delete(BsonDocument filter, bool multi)
    {
        var matcher = FilterMatcher.Compile(filter, _context);
        foreach (var (stored, document, _) in Matching(filter, matcher))
        {
            Remove(stored, document);
            if (!multi)
            {
                break;
            }
        }
    }

    private IEnumerable<(StoredDocument Stored, BsonDocument Document, MatchDetails Details)> Matching(BsonDocument filter, FilterMatcher matcher)
    {
        var plan = QueryPlan.For(filter, _meta.Indexes);
        if (plan.UsedIndex is { } used)
        {
            _indexUsed?.Invoke(used);
        }

        var cursor = new CandidateCursor(plan, KeyRange.All, CandidateBatch);
        while (cursor.Next(_session, _table) is { } batch)
        {
            foreach (var row in batch)
            {
                var document = Documents.Materialize(row.Bytes);
                var details = new MatchDetails();
                if (matcher.Matches(document, details))
                {
                    yield return (row, document, details);
                }
            }
        }
    }

    /// <summary>Runs one document's changes all-or-nothing; a single statement needs no savepoint.</summary>
    private void Atomically(Action change)
    {
        if (_meta.Indexes.Count == 0)
        {
            change();
            return;
        }

        _session.Savepoint("doc");
        try
        {
            change();
            _session.Release("doc");
        }
        catch
        {
            _session.RollbackTo("doc");
            throw;
        }
    }
}

using Ferry.Store.Embedded.Indexes;
using Ferry.Store.Embedded.Storage;

namespace Ferry.Store.Embedded.Query;

/// <summary>
/// Reads a plan's candidate documents batch by batch in <c>_id</c> key order (or reverse order). Each batch is one short, completed
/// query, and the position is kept as a key, so no SQLite statement stays open between batches (writers are never
/// blocked by a slow reader, and the caller may change documents between batches).
/// </summary>
internal sealed class CandidateCursor
{
    private readonly QueryPlan _plan;
    private readonly int _batchSize;
    private readonly bool _descending;
    private KeyRange _range;
    private int _nextIdKey;
    private bool _done;

    public CandidateCursor(QueryPlan plan, KeyRange range, int batchSize, bool descending = false)
    {
        _plan = plan;
        _descending = descending;
        _range = plan.IdRange.Intersect(range);
        _batchSize = Math.Max(1, batchSize);
        _done = _range.IsEmpty;
    }

    /// <summary>The next batch (possibly empty), or null when every candidate has been read.</summary>
    public List<StoredDocument>? Next(SqlSession session, DocumentTable table)
    {
        if (_done)
        {
            return null;
        }

        List<StoredDocument> rows;
        if (_plan.IdKeys is { } keys)
        {
            rows = [];
            while (_nextIdKey < keys.Count && rows.Count < _batchSize)
            {
                var key = _descending ? keys[keys.Count - 1 - _nextIdKey++] : keys[_nextIdKey++];
                if (_range.Contains(key) && table.Get(key) is { } bytes)
                {
                    rows.Add(new StoredDocument(key, bytes));
                }
            }

            _done = _nextIdKey >= keys.Count;
            return rows;
        }

        if (_plan.Index is { } index)
        {
            var documentKeys = IndexStore.Lookup(session, index, _plan.IndexKeys!, _range, _batchSize, _descending);
            rows = new List<StoredDocument>(documentKeys.Count);
            foreach (var key in documentKeys)
            {
                if (table.Get(key) is { } bytes)
                {
                    rows.Add(new StoredDocument(key, bytes));
                }
            }

            Advance(documentKeys.Count, documentKeys.Count > 0 ? documentKeys[^1] : null);
            return rows;
        }

        rows = table.Read(_range, _batchSize, _descending);
        Advance(rows.Count, rows.Count > 0 ? rows[^1].Key : null);
        return rows;
    }

    private void Advance(int count, byte[]? lastKey)
    {
        if (count < _batchSize || lastKey is null)
        {
            _done = true;
            return;
        }

        // Ascending: continue strictly after the last key; descending: strictly before it (the upper bound is exclusive).
        _range = _descending ? _range with { Upper = lastKey } : _range with { Lower = KeyRange.After(lastKey) };
    }
}

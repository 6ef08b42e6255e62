using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Query.Sorting;

/// <summary>
/// A sort specification (<c>{ a: 1, "b.c": -1 }</c>) as a comparer of documents with MongoDB's sort semantics
/// (arrays sort by their smallest element ascending, largest descending; missing sorts as null).
/// INTERIM: top-level fields, no array rules; the sort engine replaces this file (same public API).
/// </summary>
public sealed class SortSpec : IComparer<BsonDocument>
{
    private readonly List<(string Field, int Direction)> _keys;

    private SortSpec(List<(string Field, int Direction)> keys) => _keys = keys;

    public static SortSpec Parse(BsonDocument sort) =>
        new(sort.Select(e => (e.Name, e.Value.ToInt32() < 0 ? -1 : 1)).ToList());

    public int Compare(BsonDocument? x, BsonDocument? y)
    {
        foreach (var (field, direction) in _keys)
        {
            var a = x is not null && x.TryGetValue(field, out var va) ? va : BsonNull.Value;
            var b = y is not null && y.TryGetValue(field, out var vb) ? vb : BsonNull.Value;
            var c = BsonValueComparer.Instance.Compare(a, b);
            if (c != 0)
            {
                return c * direction;
            }
        }

        return 0;
    }
}

using Ferry.Store.Embedded.Indexes;
using Ferry.Store.Embedded.Keys;
using Ferry.Store.Embedded.Storage;
using MongoDB.Bson;

namespace Ferry.Store.Embedded.Query;

/// <summary>
/// How to find the candidates of a filter without reading the whole collection: exact <c>_id</c> keys
/// (equality, <c>$in</c>), an <c>_id</c> key range (<c>$gt/$gte/$lt/$lte</c>, bounded to the value's type
/// bracket), or equality on every field of a secondary index. Candidates are a superset: the filter is
/// always applied to them afterwards, so a plan only has to never miss a matching document.
/// </summary>
internal sealed class QueryPlan
{
    public static readonly QueryPlan FullScan = new();

    /// <summary>Most index keys one query looks up (an <c>$in</c> list, or the product of several); beyond it, scan.</summary>
    private const int MaxIndexKeys = 500;

    /// <summary>Restricts every candidate to this key range.</summary>
    public KeyRange IdRange { get; private init; } = KeyRange.All;

    /// <summary>When set, the only candidate keys (sorted, distinct).</summary>
    public IReadOnlyList<byte[]>? IdKeys { get; private init; }

    /// <summary>When set, candidates are the documents holding <see cref="IndexKey"/> in this index.</summary>
    public IndexDefinition? Index { get; private init; }

    /// <summary>The index keys to look up (one for equality; several for <c>$in</c>), sorted and distinct.</summary>
    public IReadOnlyList<byte[]>? IndexKeys { get; private init; }

    /// <summary>The index a query used (for usage counters): <c>_id_</c> or a secondary index's name; null for a full scan.</summary>
    public string? UsedIndex => Index?.Name ?? (IdKeys is not null || IdRange != KeyRange.All ? "_id_" : null);

    public static QueryPlan For(BsonDocument? filter, IReadOnlyList<IndexDefinition> indexes)
    {
        if (filter is null || filter.ElementCount == 0)
        {
            return FullScan;
        }

        var constraints = new FilterConstraints();
        constraints.Collect(filter);
        if (constraints.IdKeys is not null)
        {
            var keys = constraints.IdKeys.Distinct(ByteArrayComparer.Instance).Order(ByteArrayComparer.Instance).ToList();
            return new QueryPlan { IdKeys = keys, IdRange = constraints.IdRange };
        }

        foreach (var index in indexes)
        {
            if (!index.CanAnswerEquality || !index.Paths.All(constraints.Choices.ContainsKey))
            {
                continue;
            }

            // Null also matches documents whose arrays lack the field, which may have no null key: scan instead.
            var choices = index.Paths.Select(p => constraints.Choices[p]).ToList();
            if (choices.Any(c => c.Any(v => v.IsBsonNull)) || choices.Aggregate(1L, (n, c) => n * c.Count) > MaxIndexKeys)
            {
                continue;
            }

            var keys = Combinations(choices).Select(Indexes.IndexKeys.KeyOf).Distinct(ByteArrayComparer.Instance).Order(ByteArrayComparer.Instance).ToList();
            return new QueryPlan { Index = index, IndexKeys = keys, IdRange = constraints.IdRange };
        }

        return constraints.IdRange == KeyRange.All ? FullScan : new QueryPlan { IdRange = constraints.IdRange };
    }

    private static IEnumerable<List<BsonValue>> Combinations(List<List<BsonValue>> choices)
    {
        IEnumerable<List<BsonValue>> result = [[]];
        foreach (var choice in choices)
        {
            result = result.SelectMany(prefix => choice.Select(value => new List<BsonValue>(prefix) { value })).ToList();
        }

        return result;
    }
}

using Ferry.Core.Storage;
using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Store.Mongo;

/// <summary>
/// Builds <c>_id</c> range filters that follow MongoDB's total BSON order across types.
/// </summary>
/// <remarks>
/// MongoDB's <c>$gt</c>/<c>$gte</c>/<c>$lt</c> are <em>type-bracketed</em>: <c>{_id: {$gt: 5}}</c> matches only
/// numbers above 5, never a string or an ObjectId, although those sort after every number. A resume point or
/// partition bound therefore cannot be a single comparison when a collection mixes <c>_id</c> types.
/// Each bound becomes <c>{$or: [comparison within the bound's bracket, {$type: [every bracket beyond it]}]}</c>:
/// "after 5" is <c>{$or: [{_id: {$gt: 5}}, {_id: {$type: ["string", "symbol", "object", …, "maxKey"]}}]}</c>.
/// Brackets with a single value (MinKey, undefined, null, MaxKey) need no comparison at all. When both bounds
/// of a range are in one bracket the plain <c>{$gte, $lt}</c> form is used. Both forms are answered from the
/// <c>_id</c> index (one interval per <c>$or</c> branch, merged in <c>_id</c> order).
/// </remarks>
internal static class IdRangeFilter
{
    // $type aliases in MongoDB's canonical order (BsonTypeOrder ranks); "number" covers every numeric type.
    private static readonly (string Alias, int Rank)[] Brackets =
    [
        ("minKey", BsonTypeOrder.Canonical(BsonType.MinKey)),
        ("undefined", BsonTypeOrder.Canonical(BsonType.Undefined)),
        ("null", BsonTypeOrder.Canonical(BsonType.Null)),
        ("number", BsonTypeOrder.Canonical(BsonType.Double)),
        ("string", BsonTypeOrder.Canonical(BsonType.String)),
        ("symbol", BsonTypeOrder.Canonical(BsonType.Symbol)),
        ("object", BsonTypeOrder.Canonical(BsonType.Document)),
        ("array", BsonTypeOrder.Canonical(BsonType.Array)),
        ("binData", BsonTypeOrder.Canonical(BsonType.Binary)),
        ("objectId", BsonTypeOrder.Canonical(BsonType.ObjectId)),
        ("bool", BsonTypeOrder.Canonical(BsonType.Boolean)),
        ("date", BsonTypeOrder.Canonical(BsonType.DateTime)),
        ("timestamp", BsonTypeOrder.Canonical(BsonType.Timestamp)),
        ("regex", BsonTypeOrder.Canonical(BsonType.RegularExpression)),
        ("dbPointer", 55),
        ("javascript", BsonTypeOrder.Canonical(BsonType.JavaScript)),
        ("javascriptWithScope", BsonTypeOrder.Canonical(BsonType.JavaScriptWithScope)),
        ("maxKey", BsonTypeOrder.Canonical(BsonType.MaxKey)),
    ];

    /// <summary>The conjunction of the user's filter, the resume point and the partition (null when none applies).</summary>
    public static BsonDocument Combine(BsonDocument? filter, BsonValue? afterId, IdRange? partition)
    {
        var clauses = new List<BsonDocument>();
        if (filter is { ElementCount: > 0 })
        {
            clauses.Add(filter);
        }

        if (afterId is not null)
        {
            clauses.Add(Lower(afterId, inclusive: false));
        }

        if (partition is not null)
        {
            clauses.AddRange(Range(partition));
        }

        return clauses.Count switch
        {
            0 => new BsonDocument(),
            1 => clauses[0],
            _ => new BsonDocument("$and", new BsonArray(clauses)),
        };
    }

    /// <summary>Clauses selecting <c>Min ≤ _id &lt; Max</c> in BSON order.</summary>
    public static IEnumerable<BsonDocument> Range(IdRange range)
    {
        if (range.Min is { } min && range.Max is { } max && Rank(min) == Rank(max) && !IsSingleValued(min))
        {
            yield return new BsonDocument("_id", new BsonDocument { { "$gte", min }, { "$lt", max } });
            yield break;
        }

        if (range.Min is not null)
        {
            yield return Lower(range.Min, inclusive: true);
        }

        if (range.Max is not null)
        {
            yield return Upper(range.Max);
        }
    }

    /// <summary><c>_id</c> after (or at, when <paramref name="inclusive"/>) <paramref name="bound"/> in BSON order.</summary>
    public static BsonDocument Lower(BsonValue bound, bool inclusive)
    {
        var rank = Rank(bound);
        var types = Brackets.Where(b => inclusive && IsSingleValued(bound) ? b.Rank >= rank : b.Rank > rank).Select(b => b.Alias);
        var ofLaterTypes = TypeClause(types);
        if (IsSingleValued(bound))
        {
            return ofLaterTypes;
        }

        var comparison = new BsonDocument("_id", new BsonDocument(inclusive ? "$gte" : "$gt", bound));
        return new BsonDocument("$or", new BsonArray { comparison, ofLaterTypes });
    }

    /// <summary><c>_id</c> strictly before <paramref name="bound"/> in BSON order.</summary>
    public static BsonDocument Upper(BsonValue bound)
    {
        var rank = Rank(bound);
        var ofEarlierTypes = TypeClause(Brackets.Where(b => b.Rank < rank).Select(b => b.Alias));
        if (IsSingleValued(bound))
        {
            return ofEarlierTypes;
        }

        var comparison = new BsonDocument("_id", new BsonDocument("$lt", bound));
        return new BsonDocument("$or", new BsonArray { comparison, ofEarlierTypes });
    }

    private static BsonDocument TypeClause(IEnumerable<string> aliases)
    {
        var list = new BsonArray(aliases);

        // An empty $type list is rejected by the server; "matches nothing" is $in: [].
        return list.Count == 0
            ? new BsonDocument("_id", new BsonDocument("$in", new BsonArray()))
            : new BsonDocument("_id", new BsonDocument("$type", list));
    }

    private static int Rank(BsonValue value) => BsonTypeOrder.Canonical(value);

    private static bool IsSingleValued(BsonValue value) =>
        value.BsonType is BsonType.MinKey or BsonType.MaxKey or BsonType.Null or BsonType.Undefined;
}

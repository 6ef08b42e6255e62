using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Query.Expressions.Operators;

/// <summary>$eq $ne $gt $gte $lt $lte $cmp: MongoDB's total order over all values, where missing sorts below null.</summary>
internal static class ComparisonOperators
{
    public static void Register(Dictionary<string, OperatorParser> table)
    {
        table["$eq"] = Compare(c => c == 0);
        table["$ne"] = Compare(c => c != 0);
        table["$gt"] = Compare(c => c > 0);
        table["$gte"] = Compare(c => c >= 0);
        table["$lt"] = Compare(c => c < 0);
        table["$lte"] = Compare(c => c <= 0);
        table["$cmp"] = OperatorTable.Fixed(2, (_, v) => new BsonInt32(Math.Sign(BsonValueComparer.Instance.Compare(v[0], v[1]))));
    }

    private static OperatorParser Compare(Func<int, bool> accept) =>
        OperatorTable.Fixed(2, (_, v) => BsonBoolean.Create(accept(BsonValueComparer.Instance.Compare(v[0], v[1]))));
}

using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Query.Expressions.Operators;

/// <summary>$setUnion $setIntersection $setDifference $setEquals $isSubset: arrays as sets in MongoDB's equality.</summary>
internal static class SetOperators
{
    public static void Register(Dictionary<string, OperatorParser> table)
    {
        table["$setUnion"] = OperatorTable.Variadic((n, v) => NullIfAnyNull(v) ?? new BsonArray(Distinct(v.SelectMany(a => Require(n, a, 17043)))));
        table["$setIntersection"] = OperatorTable.Variadic((n, v) => NullIfAnyNull(v) ?? Intersect(n, v));
        table["$setDifference"] = OperatorTable.Fixed(2, (n, v) =>
        {
            if (NullIfAnyNull(v) is { } nil)
            {
                return nil;
            }

            var right = new HashSet<BsonValue?>(Require(n, v[1], 17049), BsonValueComparer.Instance);
            return new BsonArray(Distinct(Require(n, v[0], 17048)).Where(x => !right.Contains(x)));
        });
        table["$setEquals"] = (parser, name, operand) =>
        {
            var args = parser.Arguments(operand);
            if (args.Length < 2)
            {
                throw ExpressionErrors.Location(17045, "$setEquals needs at least two arguments had: " + args.Length);
            }

            return new FunctionNode(args, v =>
            {
                var first = new HashSet<BsonValue?>(Require(name, v[0], 17044), BsonValueComparer.Instance);
                return BsonBoolean.Create(v.Skip(1).All(a => first.SetEquals(Require(name, a, 17044))));
            });
        };
        table["$isSubset"] = OperatorTable.Fixed(2, (n, v) =>
        {
            var superset = new HashSet<BsonValue?>(Require(n, v[1], 17042, "both operands of $isSubset must be arrays. Second argument is of type: "), BsonValueComparer.Instance);
            return BsonBoolean.Create(Require(n, v[0], 17046, "both operands of $isSubset must be arrays. First argument is of type: ").All(superset.Contains));
        });
    }

    private static BsonValue? NullIfAnyNull(BsonValue?[] values) => values.Any(Values.IsNullish) ? BsonNull.Value : null;

    private static BsonArray Require(string name, BsonValue? value, int code, string? message = null) =>
        value as BsonArray ?? throw ExpressionErrors.Location(code, (message ?? "All operands of " + name + " must be arrays. One argument is of type: ") + ExpressionErrors.TypeName(value));

    private static List<BsonValue> Distinct(IEnumerable<BsonValue> values)
    {
        var seen = new HashSet<BsonValue?>(BsonValueComparer.Instance);
        return values.Where(v => seen.Add(v)).ToList();
    }

    private static BsonArray Intersect(string name, BsonValue?[] values)
    {
        if (values.Length == 0)
        {
            return [];
        }

        var result = Distinct(Require(name, values[0], 17047));
        foreach (var other in values.Skip(1))
        {
            var set = new HashSet<BsonValue?>(Require(name, other, 17047), BsonValueComparer.Instance);
            result = result.Where(set.Contains).ToList();
        }

        return new BsonArray(result);
    }
}

using Ferry.Query.Common;
using Ferry.Query.Sorting;
using MongoDB.Bson;

namespace Ferry.Query.Expressions.Operators;

/// <summary>$sortArray and the n-element selectors $firstN $lastN $minN $maxN over arrays.</summary>
internal static class ArraySelectionOperators
{
    public static void Register(Dictionary<string, OperatorParser> table)
    {
        table["$sortArray"] = ParseSortArray;
        table["$firstN"] = SelectN((a, n) => a.Take(n));
        table["$lastN"] = SelectN((a, n) => a.Skip(Math.Max(0, a.Count - n)));
        table["$minN"] = SelectN((a, n) => a.Where(v => !Values.IsNullish(v)).OrderBy(v => v, BsonValueComparer.Instance).Take(n));
        table["$maxN"] = SelectN((a, n) => a.Where(v => !Values.IsNullish(v)).OrderByDescending(v => v, BsonValueComparer.Instance).Take(n));
    }

    private static OperatorParser SelectN(Func<BsonArray, int, IEnumerable<BsonValue>> select) => (parser, name, operand) =>
    {
        var args = ExpressionParser.Named(name, operand, ["input", "n"], []);
        var input = parser.Parse(args["input"]);
        var count = parser.Parse(args["n"]);
        return new LazyNode(scope =>
        {
            var n = count.Evaluate(scope);
            if (!Values.IsNumber(n) || !Numeric.TryToIntExact(n!, out var k) || k <= 0)
            {
                throw ExpressionErrors.Location(5787908, "Value for 'n' must be a positive integer, but got: " + (n?.ToJson() ?? "missing"));
            }

            var value = input.Evaluate(scope);
            if (Values.IsNullish(value))
            {
                return BsonNull.Value;
            }

            return value is BsonArray a
                ? new BsonArray(select(a, k))
                : throw ExpressionErrors.Location(5788200, "Input to " + name + " must be an array, but got: " + ExpressionErrors.TypeName(value));
        });
    };

    private static ExpressionNode ParseSortArray(ExpressionParser parser, string name, BsonValue operand)
    {
        var args = ExpressionParser.Named(name, operand, ["input", "sortBy"], []);
        var input = parser.Parse(args["input"]);
        var sortBy = args["sortBy"];
        IComparer<BsonValue> comparer;
        if (sortBy is BsonDocument spec)
        {
            var documents = SortSpec.Parse(spec);
            comparer = Comparer<BsonValue>.Create((x, y) => documents.Compare(x as BsonDocument ?? [], y as BsonDocument ?? []));
        }
        else if (sortBy.IsNumeric && Math.Abs(sortBy.ToDouble()) == 1)
        {
            var direction = sortBy.ToDouble() > 0 ? 1 : -1;
            comparer = Comparer<BsonValue>.Create((x, y) => direction * BsonValueComparer.Instance.Compare(x, y));
        }
        else
        {
            throw ExpressionErrors.Location(2942505, "$sortArray requires sortBy to be 1, -1 or a sort specification document");
        }

        return new LazyNode(scope =>
        {
            var value = input.Evaluate(scope);
            if (Values.IsNullish(value))
            {
                return BsonNull.Value;
            }

            return value is BsonArray a
                ? new BsonArray(a.Order(comparer))
                : throw ExpressionErrors.Location(2942504, "$sortArray requires input to be an array, but got: " + ExpressionErrors.TypeName(value));
        });
    }
}

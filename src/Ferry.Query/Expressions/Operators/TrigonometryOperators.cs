using MongoDB.Bson;

namespace Ferry.Query.Expressions.Operators;

/// <summary>$sin $cos $tan $asin $acos $atan $atan2 $sinh $cosh $tanh $asinh $acosh $atanh, $degreesToRadians
/// $radiansToDegrees, and $rand. Doubles in, doubles out (decimals stay decimal); null/missing give null.</summary>
internal static class TrigonometryOperators
{
    public static void Register(Dictionary<string, OperatorParser> table)
    {
        Add(table, "$sin", Math.Sin, d => double.IsInfinity(d));
        Add(table, "$cos", Math.Cos, d => double.IsInfinity(d));
        Add(table, "$tan", Math.Tan, d => double.IsInfinity(d));
        Add(table, "$asin", Math.Asin, d => d is < -1 or > 1);
        Add(table, "$acos", Math.Acos, d => d is < -1 or > 1);
        Add(table, "$atan", Math.Atan, _ => false);
        Add(table, "$sinh", Math.Sinh, _ => false);
        Add(table, "$cosh", Math.Cosh, _ => false);
        Add(table, "$tanh", Math.Tanh, _ => false);
        Add(table, "$asinh", Math.Asinh, _ => false);
        Add(table, "$acosh", Math.Acosh, d => d < 1);
        Add(table, "$atanh", Math.Atanh, d => d is < -1 or > 1);
        Add(table, "$degreesToRadians", d => d * Math.PI / 180, _ => false);
        Add(table, "$radiansToDegrees", d => d * 180 / Math.PI, _ => false);
        table["$atan2"] = OperatorTable.Fixed(2, (n, v) =>
        {
            if (Values.IsNullish(v[0]) || Values.IsNullish(v[1]))
            {
                return BsonNull.Value;
            }

            if (!Values.IsNumber(v[0]) || !Values.IsNumber(v[1]))
            {
                throw ExpressionErrors.Location(51044, "$atan2 only supports numeric types, not " + ExpressionErrors.TypeName(v[0]) + " and " + ExpressionErrors.TypeName(v[1]));
            }

            var result = Math.Atan2(Numeric.ToDouble(v[0]!), Numeric.ToDouble(v[1]!));
            return Numeric.IsDecimal(v[0]!) || Numeric.IsDecimal(v[1]!) ? new BsonDecimal128(Numeric.FromDouble(result)) : new BsonDouble(result);
        });
        table["$rand"] = (parser, name, operand) =>
        {
            if (operand is not BsonDocument { ElementCount: 0 })
            {
                throw ExpressionErrors.Location(3040501, "$rand not expecting arguments");
            }

            // Random.Shared is thread-safe, so a compiled expression may be evaluated from several threads.
            return new LazyNode(_ => new BsonDouble(Random.Shared.NextDouble()));
        };
    }

    private static void Add(Dictionary<string, OperatorParser> table, string name, Func<double, double> function, Func<double, bool> outOfRange) =>
        table[name] = OperatorTable.Unary((n, v) =>
        {
            if (Values.IsNullish(v))
            {
                return BsonNull.Value;
            }

            if (!Values.IsNumber(v))
            {
                throw ExpressionErrors.Location(28765, n + " only supports numeric types, not " + ExpressionErrors.TypeName(v));
            }

            var d = Numeric.ToDouble(v!);
            if (outOfRange(d))
            {
                throw ExpressionErrors.Location(50989, "cannot apply " + n + " to " + NumberFormat.Format(v!) + ", value must be in the function's domain");
            }

            var result = function(d);
            return Numeric.IsDecimal(v!) ? new BsonDecimal128(Numeric.FromDouble(result)) : new BsonDouble(result);
        });
}

using MongoDB.Bson;

namespace Ferry.Query.Expressions.Operators;

/// <summary>$add $subtract $multiply $divide $mod: null/missing in, null out; dates where MongoDB allows them.</summary>
internal static class ArithmeticOperators
{
    public static void Register(Dictionary<string, OperatorParser> table)
    {
        table["$add"] = OperatorTable.Variadic((_, v) => Add(v));
        table["$subtract"] = OperatorTable.Fixed(2, (_, v) => Subtract(v[0], v[1]));
        table["$multiply"] = OperatorTable.Variadic((_, v) => Multiply(v));
        table["$divide"] = OperatorTable.Fixed(2, (_, v) => Divide(v[0], v[1]));
        table["$mod"] = OperatorTable.Fixed(2, (_, v) => Mod(v[0], v[1]));
        MathOperators.Register(table);
    }

    private static BsonValue? Add(BsonValue?[] values)
    {
        BsonValue total = new BsonInt32(0);
        long? date = null;
        foreach (var v in values)
        {
            if (Values.IsNullish(v))
            {
                return BsonNull.Value;
            }

            if (v!.BsonType == BsonType.DateTime)
            {
                if (date is not null)
                {
                    throw ExpressionErrors.Location(16612, "only one date allowed in an $add expression");
                }

                date = v.AsBsonDateTime.MillisecondsSinceEpoch;
            }
            else if (Values.IsNumber(v))
            {
                total = Numeric.Add(total, v);
            }
            else
            {
                throw ExpressionErrors.Type("$add only supports numeric or date types, not " + ExpressionErrors.TypeName(v));
            }
        }

        return date is null ? total : new BsonDateTime(date.Value + RoundToMillis(total));
    }

    private static BsonValue? Subtract(BsonValue? left, BsonValue? right)
    {
        if (Values.IsNullish(left) || Values.IsNullish(right))
        {
            return BsonNull.Value;
        }

        if (Values.IsNumber(left) && Values.IsNumber(right))
        {
            return Numeric.Subtract(left!, right!);
        }

        if (left!.BsonType == BsonType.DateTime)
        {
            if (right!.BsonType == BsonType.DateTime)
            {
                return new BsonInt64(left.AsBsonDateTime.MillisecondsSinceEpoch - right.AsBsonDateTime.MillisecondsSinceEpoch);
            }

            if (Values.IsNumber(right))
            {
                return new BsonDateTime(left.AsBsonDateTime.MillisecondsSinceEpoch - RoundToMillis(right));
            }
        }

        throw ExpressionErrors.Location(16556, "can't $subtract " + ExpressionErrors.TypeName(right) + " from " + ExpressionErrors.TypeName(left));
    }

    private static BsonValue? Multiply(BsonValue?[] values)
    {
        BsonValue product = new BsonInt32(1);
        var sawNull = false;
        foreach (var v in values)
        {
            if (Values.IsNullish(v))
            {
                sawNull = true;
                continue;
            }

            if (!Values.IsNumber(v))
            {
                throw ExpressionErrors.Type("$multiply only supports numeric types, not " + ExpressionErrors.TypeName(v));
            }

            product = Numeric.Multiply(product, v!);
        }

        return sawNull ? BsonNull.Value : product;
    }

    private static BsonValue? Divide(BsonValue? left, BsonValue? right)
    {
        if (Values.IsNullish(left) || Values.IsNullish(right))
        {
            return BsonNull.Value;
        }

        if (!Values.IsNumber(left) || !Values.IsNumber(right))
        {
            throw ExpressionErrors.Location(16609, "$divide only supports numeric types, not " + ExpressionErrors.TypeName(left) + " and " + ExpressionErrors.TypeName(right));
        }

        if (Numeric.IsZero(right!))
        {
            throw ExpressionErrors.Bad("can't $divide by zero");
        }

        if (Numeric.IsDecimal(left!) || Numeric.IsDecimal(right!))
        {
            return Numeric.DecimalOp(left!, right!, (x, y) => x / y, (x, y) => x / y);
        }

        return new BsonDouble(Numeric.ToDouble(left!) / Numeric.ToDouble(right!));
    }

    private static BsonValue? Mod(BsonValue? left, BsonValue? right)
    {
        if (Values.IsNullish(left) || Values.IsNullish(right))
        {
            return BsonNull.Value;
        }

        if (!Values.IsNumber(left) || !Values.IsNumber(right))
        {
            throw ExpressionErrors.Location(16611, "$mod only supports numeric types, not " + ExpressionErrors.TypeName(left) + " and " + ExpressionErrors.TypeName(right));
        }

        if (Numeric.IsZero(right!))
        {
            throw ExpressionErrors.Location(16610, "can't $mod by zero");
        }

        if (Numeric.IsDecimal(left!) || Numeric.IsDecimal(right!))
        {
            return Numeric.DecimalOp(left!, right!, (x, y) => x % y, Math.IEEERemainder);
        }

        if (left!.BsonType == BsonType.Double || right!.BsonType == BsonType.Double)
        {
            return new BsonDouble(Numeric.ToDouble(left) % Numeric.ToDouble(right!));
        }

        var l = left.ToInt64();
        var r = right.ToInt64();
        var result = r == -1 ? 0 : l % r;
        return Numeric.Integral(result, left.BsonType == BsonType.Int32 && right.BsonType == BsonType.Int32);
    }

    /// <summary>A number added to a date counts milliseconds, rounded to the nearest whole one.</summary>
    private static long RoundToMillis(BsonValue number) => number.BsonType switch
    {
        BsonType.Int32 or BsonType.Int64 => number.ToInt64(),
        _ => (long)Math.Round(Numeric.ToDouble(number), MidpointRounding.AwayFromZero),
    };
}

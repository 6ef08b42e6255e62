using MongoDB.Bson;

namespace Ferry.Query.Expressions.Operators;

/// <summary>$abs $ceil $floor $round $trunc $pow $sqrt $exp $ln $log $log10.</summary>
internal static class MathOperators
{
    public static void Register(Dictionary<string, OperatorParser> table)
    {
        table["$abs"] = OperatorTable.Unary((n, v) => Number(n, v, Abs));
        table["$ceil"] = OperatorTable.Unary((n, v) => Number(n, v, x => Integralize(x, Math.Ceiling, decimal.Ceiling)));
        table["$floor"] = OperatorTable.Unary((n, v) => Number(n, v, x => Integralize(x, Math.Floor, decimal.Floor)));
        table["$sqrt"] = OperatorTable.Unary((n, v) => Number(n, v, x => Real(x, "$sqrt", d => d < 0, Math.Sqrt, 28714, "$sqrt's argument must be greater than or equal to 0")));
        table["$exp"] = OperatorTable.Unary((n, v) => Number(n, v, x => Real(x, "$exp", _ => false, Math.Exp, 0, string.Empty)));
        table["$ln"] = OperatorTable.Unary((n, v) => Number(n, v, x => Real(x, "$ln", d => d <= 0, Math.Log, 28766, "$ln's argument must be a positive number, but is " + NumberFormat.Format(x))));
        table["$log10"] = OperatorTable.Unary((n, v) => Number(n, v, x => Real(x, "$log10", d => d <= 0, Math.Log10, 28761, "$log10's argument must be a positive number, but is " + NumberFormat.Format(x))));
        table["$log"] = OperatorTable.Fixed(2, (_, v) => Log(v[0], v[1]));
        table["$pow"] = OperatorTable.Fixed(2, (_, v) => Pow(v[0], v[1]));
        table["$round"] = (parser, name, operand) =>
        {
            var args = parser.Between(name, operand, 1, 2);
            return new FunctionNode(args, v => Round(name, v[0], v.Length > 1 ? v[1] : new BsonInt32(0), MidpointRounding.ToEven));
        };
        table["$trunc"] = (parser, name, operand) =>
        {
            var args = parser.Between(name, operand, 1, 2);
            return new FunctionNode(args, v => Round(name, v[0], v.Length > 1 ? v[1] : new BsonInt32(0), MidpointRounding.ToZero));
        };
    }

    private static BsonValue? Number(string name, BsonValue? value, Func<BsonValue, BsonValue> function)
    {
        if (Values.IsNullish(value))
        {
            return BsonNull.Value;
        }

        if (!Values.IsNumber(value))
        {
            throw ExpressionErrors.Location(28765, name + " only supports numeric types, not " + ExpressionErrors.TypeName(value));
        }

        return function(value!);
    }

    private static BsonValue Abs(BsonValue x) => x.BsonType switch
    {
        BsonType.Int32 => x.AsInt32 == int.MinValue ? new BsonInt64(-(long)int.MinValue) : new BsonInt32(Math.Abs(x.AsInt32)),
        BsonType.Int64 => x.AsInt64 == long.MinValue
            ? throw ExpressionErrors.Location(28680, "can't take $abs of long long min")
            : new BsonInt64(Math.Abs(x.AsInt64)),
        BsonType.Double => new BsonDouble(Math.Abs(x.AsDouble)),
        _ => Numeric.DecimalUnary(x, Math.Abs, Math.Abs),
    };

    private static BsonValue Integralize(BsonValue x, Func<double, double> doubles, Func<decimal, decimal> decimals) => x.BsonType switch
    {
        BsonType.Int32 or BsonType.Int64 => x,
        BsonType.Double => new BsonDouble(doubles(x.AsDouble)),
        _ => Numeric.DecimalUnary(x, decimals, doubles),
    };

    private static BsonValue Real(BsonValue x, string name, Func<double, bool> invalid, Func<double, double> function, int code, string message)
    {
        var d = Numeric.ToDouble(x);
        if (invalid(d))
        {
            throw ExpressionErrors.Location(code, message);
        }

        var result = function(d);
        return x.BsonType == BsonType.Decimal128 ? new BsonDecimal128(Numeric.FromDouble(result)) : new BsonDouble(result);
    }

    private static BsonValue? Log(BsonValue? value, BsonValue? logBase)
    {
        if (Values.IsNullish(value) || Values.IsNullish(logBase))
        {
            return BsonNull.Value;
        }

        if (!Values.IsNumber(value))
        {
            throw ExpressionErrors.Location(28756, "$log's argument must be numeric, not " + ExpressionErrors.TypeName(value));
        }

        if (!Values.IsNumber(logBase))
        {
            throw ExpressionErrors.Location(28757, "$log's base must be numeric, not " + ExpressionErrors.TypeName(logBase));
        }

        var x = Numeric.ToDouble(value!);
        var b = Numeric.ToDouble(logBase!);
        if (x <= 0)
        {
            throw ExpressionErrors.Location(28758, "$log's argument must be a positive number, but is " + NumberFormat.Format(value!));
        }

        if (b <= 0 || b == 1)
        {
            throw ExpressionErrors.Location(28759, "$log's base must be a positive number not equal to 1, but is " + NumberFormat.Format(logBase!));
        }

        var result = Math.Log(x) / Math.Log(b);
        return Numeric.IsDecimal(value!) || Numeric.IsDecimal(logBase!) ? new BsonDecimal128(Numeric.FromDouble(result)) : new BsonDouble(result);
    }

    private static BsonValue? Pow(BsonValue? baseValue, BsonValue? exponent)
    {
        if (Values.IsNullish(baseValue) || Values.IsNullish(exponent))
        {
            return BsonNull.Value;
        }

        if (!Values.IsNumber(baseValue))
        {
            throw ExpressionErrors.Location(28762, "$pow's base must be numeric, not " + ExpressionErrors.TypeName(baseValue));
        }

        if (!Values.IsNumber(exponent))
        {
            throw ExpressionErrors.Location(28763, "$pow's exponent must be numeric, not " + ExpressionErrors.TypeName(exponent));
        }

        if (Numeric.IsZero(baseValue!) && Numeric.ToDouble(exponent!) < 0)
        {
            throw ExpressionErrors.Location(28764, "$pow cannot take a base of 0 and a negative exponent");
        }

        if (Numeric.IsDecimal(baseValue!) || Numeric.IsDecimal(exponent!))
        {
            return new BsonDecimal128(Numeric.FromDouble(Math.Pow(Numeric.ToDouble(baseValue!), Numeric.ToDouble(exponent!))));
        }

        if (Numeric.IsIntegral(baseValue!) && Numeric.IsIntegral(exponent!))
        {
            var b = baseValue!.ToInt64();
            var e = exponent!.ToInt64();
            var bothInt = baseValue.BsonType == BsonType.Int32 && exponent.BsonType == BsonType.Int32;
            if (e < 0)
            {
                // Only 1 and -1 stay integral under a negative exponent.
                if (b == 1)
                {
                    return Numeric.Integral(1, bothInt);
                }

                if (b == -1)
                {
                    return Numeric.Integral(e % 2 == 0 ? 1 : -1, bothInt);
                }

                return new BsonDouble(Math.Pow(b, e));
            }

            try
            {
                long result = 1;
                for (long i = 0; i < e; i++)
                {
                    result = checked(result * b);
                    if (result == 0 || result == 1 && b == 1)
                    {
                        break;
                    }
                }

                if (b == -1)
                {
                    result = e % 2 == 0 ? 1 : -1;
                }

                return Numeric.Integral(result, bothInt);
            }
            catch (OverflowException)
            {
                return new BsonDouble(Math.Pow(b, e));
            }
        }

        return new BsonDouble(Math.Pow(Numeric.ToDouble(baseValue!), Numeric.ToDouble(exponent!)));
    }

    private static BsonValue? Round(string name, BsonValue? value, BsonValue? place, MidpointRounding mode)
    {
        if (Values.IsNullish(value) || Values.IsNullish(place))
        {
            return BsonNull.Value;
        }

        if (!Values.IsNumber(value))
        {
            throw ExpressionErrors.Location(51081, name + " only supports numeric types, not " + ExpressionErrors.TypeName(value));
        }

        if (!Values.IsNumber(place) || !Numeric.TryToIntExact(place!, out var digits))
        {
            throw ExpressionErrors.Location(51082, "precision argument to  " + name + " must be a integral value");
        }

        if (digits is < -20 or > 100)
        {
            throw ExpressionErrors.Location(51083, "cannot apply " + name + " with precision value " + digits + " value must be in [-20, 100]");
        }

        switch (value!.BsonType)
        {
            case BsonType.Int32:
            case BsonType.Int64:
                if (digits >= 0)
                {
                    return value;
                }

                var scaled = RoundDecimal(value.ToInt64(), digits, mode);
                if (scaled is < long.MinValue or > long.MaxValue)
                {
                    throw ExpressionErrors.Location(51080, "invalid conversion from Decimal128 result in " + name + " resulting from arguments: [" +
                        NumberFormat.Format(value) + ", " + digits + "]");
                }

                return Numeric.Integral((long)scaled, value.BsonType == BsonType.Int32);
            case BsonType.Double:
                var d = value.AsDouble;
                if (double.IsNaN(d) || double.IsInfinity(d) || Math.Abs(d) >= 7.9e27)
                {
                    return value;
                }

                return new BsonDouble((double)RoundDecimal(decimal.Parse(d.ToString("R", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture), digits, mode));
            default:
                if (digits < 0 && Numeric.TryDecimal(value.AsDecimal128, out var m))
                {
                    // MongoDB quantizes to 10^-digits, so 23.298 rounded to -1 is 2E+1, not 20.
                    var units = RoundDecimal(m, digits, mode) / Pow10(-digits);
                    return new BsonDecimal128(Decimal128.Parse(decimal.Truncate(units).ToString(System.Globalization.CultureInfo.InvariantCulture) + "E+" + -digits));
                }

                return Numeric.DecimalUnary(value, m => RoundDecimal(m, digits, mode), x => x);
        }
    }

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < exponent && i < 28; i++)
        {
            result *= 10;
        }

        return result;
    }

    private static decimal RoundDecimal(decimal value, int digits, MidpointRounding mode)
    {
        if (digits >= 0)
        {
            return decimal.Round(value, Math.Min(digits, 28), mode);
        }

        var factor = 1m;
        for (var i = 0; i < -digits && i < 28; i++)
        {
            factor *= 10;
        }

        return decimal.Round(value / factor, 0, mode) * factor;
    }
}

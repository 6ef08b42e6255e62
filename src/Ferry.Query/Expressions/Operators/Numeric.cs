using System.Globalization;
using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Query.Expressions.Operators;

/// <summary>
/// BSON number arithmetic with MongoDB's widening: int op int stays int unless it overflows (then long), long
/// overflow becomes double, any double makes a double, any decimal makes a decimal.
/// </summary>
internal static class Numeric
{
    public static BsonValue Add(BsonValue a, BsonValue b) => Combine(a, b, checked_: (x, y) => checked(x + y), (x, y) => x + y, (x, y) => x + y);

    public static BsonValue Subtract(BsonValue a, BsonValue b) => Combine(a, b, (x, y) => checked(x - y), (x, y) => x - y, (x, y) => x - y);

    public static BsonValue Multiply(BsonValue a, BsonValue b) => Combine(a, b, (x, y) => checked(x * y), (x, y) => x * y, (x, y) => x * y);

    public static bool IsDecimal(BsonValue v) => v.BsonType == BsonType.Decimal128;

    public static bool IsIntegral(BsonValue v) => v.BsonType is BsonType.Int32 or BsonType.Int64;

    public static double ToDouble(BsonValue v) => BsonValueComparer.ToDouble(v);

    /// <summary>A number as a decimal the way MongoDB's arithmetic and $toDecimal make one: a double rounded to 15 significant digits.</summary>
    public static Decimal128 ToDecimal128Rounded(BsonValue v) => v.BsonType switch
    {
        BsonType.Decimal128 => v.AsDecimal128,
        BsonType.Int32 => new Decimal128(v.AsInt32),
        BsonType.Int64 => new Decimal128(v.AsInt64),
        _ => FromDouble(v.AsDouble),
    };

    public static Decimal128 FromDouble(double d)
    {
        if (double.IsNaN(d))
        {
            return Decimal128.QNaN;
        }

        if (double.IsInfinity(d))
        {
            return d > 0 ? Decimal128.PositiveInfinity : Decimal128.NegativeInfinity;
        }

        if (d == 0)
        {
            return Decimal128.Parse(double.IsNegative(d) ? "-0" : "0");
        }

        // MongoDB converts a double to a decimal with 15 significant digits (Decimal128's kRoundTo15Digits),
        // keeping trailing zeros: 2.5 becomes 2.50000000000000.
        return Decimal128.Parse(d.ToString("E14", CultureInfo.InvariantCulture));
    }

    /// <summary>A decimal operation done in System.Decimal when the operands fit, else in double.</summary>
    public static BsonValue DecimalOp(BsonValue a, BsonValue b, Func<decimal, decimal, decimal> op, Func<double, double, double> fallback)
    {
        var x = ToDecimal128Rounded(a);
        var y = ToDecimal128Rounded(b);
        if (TryDecimal(x, out var dx) && TryDecimal(y, out var dy))
        {
            try
            {
                return new BsonDecimal128(new Decimal128(op(dx, dy)));
            }
            catch (OverflowException)
            {
            }
        }

        return new BsonDecimal128(FromDouble(fallback(Decimal128.ToDouble(x), Decimal128.ToDouble(y))));
    }

    public static BsonValue DecimalUnary(BsonValue a, Func<decimal, decimal> op, Func<double, double> fallback)
    {
        var x = ToDecimal128Rounded(a);
        if (TryDecimal(x, out var dx))
        {
            try
            {
                return new BsonDecimal128(new Decimal128(op(dx)));
            }
            catch (OverflowException)
            {
            }
        }

        return new BsonDecimal128(FromDouble(fallback(Decimal128.ToDouble(x))));
    }

    public static bool TryDecimal(Decimal128 value, out decimal result)
    {
        result = 0;
        if (Decimal128.IsNaN(value) || Decimal128.IsInfinity(value))
        {
            return false;
        }

        try
        {
            result = Decimal128.ToDecimal(value);
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>An integral result as int when it fits, else long.</summary>
    public static BsonValue Integral(long value, bool preferInt) =>
        preferInt && value is >= int.MinValue and <= int.MaxValue ? new BsonInt32((int)value) : new BsonInt64(value);

    public static bool IsZero(BsonValue v) => v.BsonType switch
    {
        BsonType.Int32 => v.AsInt32 == 0,
        BsonType.Int64 => v.AsInt64 == 0,
        BsonType.Double => v.AsDouble == 0,
        BsonType.Decimal128 => Decimal128.IsZero(v.AsDecimal128),
        _ => false,
    };

    /// <summary>Whether a number has an integral value that fits a long (so it can be an index, a place, a count).</summary>
    public static bool TryToLongExact(BsonValue v, out long result)
    {
        result = 0;
        switch (v.BsonType)
        {
            case BsonType.Int32:
                result = v.AsInt32;
                return true;
            case BsonType.Int64:
                result = v.AsInt64;
                return true;
            case BsonType.Double:
                var d = v.AsDouble;
                if (double.IsNaN(d) || double.IsInfinity(d) || Math.Truncate(d) != d || d < -9.2233720368547758e18 || d >= 9.2233720368547758e18)
                {
                    return false;
                }

                result = (long)d;
                return true;
            case BsonType.Decimal128:
                if (!TryDecimal(v.AsDecimal128, out var m) || decimal.Truncate(m) != m || m < long.MinValue || m > long.MaxValue)
                {
                    return false;
                }

                result = (long)m;
                return true;
            default:
                return false;
        }
    }

    public static bool TryToIntExact(BsonValue v, out int result)
    {
        result = 0;
        if (!TryToLongExact(v, out var l) || l is < int.MinValue or > int.MaxValue)
        {
            return false;
        }

        result = (int)l;
        return true;
    }

    private static BsonValue Combine(BsonValue a, BsonValue b, Func<long, long, long> checked_, Func<double, double, double> doubles, Func<decimal, decimal, decimal> decimals)
    {
        if (IsDecimal(a) || IsDecimal(b))
        {
            return DecimalOp(a, b, decimals, doubles);
        }

        if (a.BsonType == BsonType.Double || b.BsonType == BsonType.Double)
        {
            return new BsonDouble(doubles(ToDouble(a), ToDouble(b)));
        }

        var bothInt = a.BsonType == BsonType.Int32 && b.BsonType == BsonType.Int32;
        try
        {
            return Integral(checked_(a.ToInt64(), b.ToInt64()), bothInt);
        }
        catch (OverflowException)
        {
            return new BsonDouble(doubles(ToDouble(a), ToDouble(b)));
        }
    }
}

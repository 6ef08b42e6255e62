using System.Globalization;
using System.Numerics;
using MongoDB.Bson;

namespace Ferry.Query.Updates;

/// <summary>
/// MongoDB's SafeNum arithmetic for $inc, $mul and $bit: the result takes the wider type (int &lt; long &lt; double &lt;
/// decimal); an int result that overflows becomes a long; a long that overflows is an error (null here).
/// Decimal arithmetic is exact to 34 digits, and a double meets a decimal rounded to 15 digits, as MongoDB does.
/// </summary>
internal static class NumberMath
{
    public static BsonValue? Add(BsonValue x, BsonValue y)
    {
        if (x.BsonType == BsonType.Decimal128 || y.BsonType == BsonType.Decimal128)
        {
            return DecimalMath.Add(ToDecimal(x), ToDecimal(y));
        }

        if (x.BsonType == BsonType.Double || y.BsonType == BsonType.Double)
        {
            return new BsonDouble(x.ToDouble() + y.ToDouble());
        }

        if (x.BsonType == BsonType.Int64 || y.BsonType == BsonType.Int64)
        {
            var a = x.ToInt64();
            var b = y.ToInt64();
            var sum = unchecked(a + b);
            return ((a ^ sum) & (b ^ sum)) < 0 ? null : new BsonInt64(sum);
        }

        return Narrow((long)x.AsInt32 + y.AsInt32);
    }

    public static BsonValue? Multiply(BsonValue x, BsonValue y)
    {
        if (x.BsonType == BsonType.Decimal128 || y.BsonType == BsonType.Decimal128)
        {
            return DecimalMath.Multiply(ToDecimal(x), ToDecimal(y));
        }

        if (x.BsonType == BsonType.Double || y.BsonType == BsonType.Double)
        {
            return new BsonDouble(x.ToDouble() * y.ToDouble());
        }

        if (x.BsonType == BsonType.Int64 || y.BsonType == BsonType.Int64)
        {
            var product = (Int128)x.ToInt64() * y.ToInt64();
            return product < long.MinValue || product > long.MaxValue ? null : new BsonInt64((long)product);
        }

        return Narrow((long)x.AsInt32 * y.AsInt32);
    }

    /// <summary>Bitwise and/or/xor on ints and longs; int with int stays int.</summary>
    public static BsonValue Bitwise(string op, BsonValue x, BsonValue y)
    {
        if (x.BsonType == BsonType.Int32 && y.BsonType == BsonType.Int32)
        {
            var a = x.AsInt32;
            var b = y.AsInt32;
            return new BsonInt32(op switch { "and" => a & b, "or" => a | b, _ => a ^ b });
        }

        var la = x.ToInt64();
        var lb = y.ToInt64();
        return new BsonInt64(op switch { "and" => la & lb, "or" => la | lb, _ => la ^ lb });
    }

    private static BsonValue Narrow(long value) =>
        value is >= int.MinValue and <= int.MaxValue ? new BsonInt32((int)value) : new BsonInt64(value);

    private static Decimal128 ToDecimal(BsonValue v) => v.BsonType switch
    {
        BsonType.Decimal128 => v.AsDecimal128,
        BsonType.Int32 => Decimal128.Parse(v.AsInt32.ToString(CultureInfo.InvariantCulture)),
        BsonType.Int64 => Decimal128.Parse(v.AsInt64.ToString(CultureInfo.InvariantCulture)),
        _ => DecimalMath.FromDouble(v.AsDouble),
    };

    /// <summary>IEEE 754-2008 decimal128 addition and multiplication over exact coefficients.</summary>
    private static class DecimalMath
    {
        private const int MaxDigits = 34;

        public static BsonValue Add(Decimal128 a, Decimal128 b)
        {
            if (Decimal128.IsNaN(a) || Decimal128.IsNaN(b))
            {
                return new BsonDecimal128(Decimal128.QNaN);
            }

            if (Decimal128.IsInfinity(a) || Decimal128.IsInfinity(b))
            {
                if (Decimal128.IsInfinity(a) && Decimal128.IsInfinity(b) && Decimal128.IsNegative(a) != Decimal128.IsNegative(b))
                {
                    return new BsonDecimal128(Decimal128.QNaN);
                }

                return new BsonDecimal128(Decimal128.IsInfinity(a) ? a : b);
            }

            var (ca, ea) = Parts(a);
            var (cb, eb) = Parts(b);
            var e = Math.Min(ea, eb);
            var sum = (ca * BigInteger.Pow(10, ea - e)) + (cb * BigInteger.Pow(10, eb - e));
            var negativeZero = sum.IsZero && Decimal128.IsNegative(a) && Decimal128.IsNegative(b);
            return Build(sum, e, negativeZero);
        }

        public static BsonValue Multiply(Decimal128 a, Decimal128 b)
        {
            if (Decimal128.IsNaN(a) || Decimal128.IsNaN(b))
            {
                return new BsonDecimal128(Decimal128.QNaN);
            }

            var negative = Decimal128.IsNegative(a) != Decimal128.IsNegative(b);
            if (Decimal128.IsInfinity(a) || Decimal128.IsInfinity(b))
            {
                var other = Decimal128.IsInfinity(a) ? b : a;
                if (!Decimal128.IsInfinity(other) && Parts(other).Coefficient.IsZero)
                {
                    return new BsonDecimal128(Decimal128.QNaN);
                }

                return new BsonDecimal128(negative ? Decimal128.NegativeInfinity : Decimal128.PositiveInfinity);
            }

            var (ca, ea) = Parts(a);
            var (cb, eb) = Parts(b);
            var product = ca * cb;
            return Build(product, ea + eb, product.IsZero && negative);
        }

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

            return Decimal128.Parse(d.ToString("E14", CultureInfo.InvariantCulture));
        }

        /// <summary>Signed coefficient and exponent of a finite decimal.</summary>
        private static (BigInteger Coefficient, int Exponent) Parts(Decimal128 d)
        {
            var text = d.ToString();
            var exponent = 0;
            var ePos = text.IndexOfAny(['E', 'e']);
            if (ePos >= 0)
            {
                exponent = int.Parse(text[(ePos + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                text = text[..ePos];
            }

            var dot = text.IndexOf('.', StringComparison.Ordinal);
            if (dot >= 0)
            {
                exponent -= text.Length - dot - 1;
                text = text.Remove(dot, 1);
            }

            return (BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture), exponent);
        }

        private static BsonValue Build(BigInteger coefficient, int exponent, bool negativeZero)
        {
            var negative = coefficient.Sign < 0;
            var magnitude = BigInteger.Abs(coefficient);
            while (magnitude.ToString(CultureInfo.InvariantCulture).Length > MaxDigits)
            {
                var quotient = BigInteger.DivRem(magnitude, 10, out var remainder);
                if (remainder > 5 || (remainder == 5 && !quotient.IsEven))
                {
                    quotient += 1;
                }

                magnitude = quotient;
                exponent++;
            }

            var sign = negative || negativeZero ? "-" : "";
            return new BsonDecimal128(Decimal128.Parse(sign + magnitude.ToString(CultureInfo.InvariantCulture) + "E" + exponent.ToString(CultureInfo.InvariantCulture)));
        }
    }
}

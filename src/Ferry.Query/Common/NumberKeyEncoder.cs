using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using MongoDB.Bson;

namespace Ferry.Query.Common;

/// <summary>
/// Encodes int32, int64, double and Decimal128 on one exact scale so numerically equal values of different types
/// encode identically and memcmp order is numeric order: a class byte (NaN &lt; -∞ &lt; negative &lt; 0 &lt; positive &lt; +∞),
/// then for finite non-zero values the decimal exponent E and the significant digits of 0.d₁d₂… × 10^E
/// (two digits per byte, terminated by 0x00), all inverted for negative values. Doubles are expanded exactly
/// (no rounding), so a long and a double compare exactly, as MongoDB compares them.
/// </summary>
public static class NumberKeyEncoder
{
    private const byte NaN = 0x01;
    private const byte NegativeInfinity = 0x02;
    private const byte Negative = 0x03;
    private const byte Zero = 0x04;
    private const byte Positive = 0x05;
    private const byte PositiveInfinity = 0x06;

    public static void Append(KeyBuffer buffer, BsonValue value)
    {
        switch (value.BsonType)
        {
            case BsonType.Int32:
                AppendInteger(buffer, value.AsInt32);
                break;
            case BsonType.Int64:
                AppendInteger(buffer, value.AsInt64);
                break;
            case BsonType.Double:
                AppendDouble(buffer, value.AsDouble);
                break;
            default:
                AppendDecimal(buffer, value.AsDecimal128);
                break;
        }
    }

    private static void AppendInteger(KeyBuffer buffer, long value)
    {
        if (value == 0)
        {
            buffer.Add(Zero);
            return;
        }

        var magnitude = value < 0 ? (ulong)(-(value + 1)) + 1 : (ulong)value;
        AppendFinite(buffer, value < 0, magnitude.ToString(CultureInfo.InvariantCulture), 0);
    }

    private static void AppendDouble(KeyBuffer buffer, double value)
    {
        if (double.IsNaN(value))
        {
            buffer.Add(NaN);
            return;
        }

        if (double.IsInfinity(value))
        {
            buffer.Add(value < 0 ? NegativeInfinity : PositiveInfinity);
            return;
        }

        if (value == 0)
        {
            buffer.Add(Zero);
            return;
        }

        var bits = BitConverter.DoubleToInt64Bits(value);
        var negative = bits < 0;
        var exponentBits = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xF_FFFF_FFFF_FFFFL;
        int binaryExponent;
        if (exponentBits == 0)
        {
            binaryExponent = -1074;
        }
        else
        {
            mantissa |= 1L << 52;
            binaryExponent = exponentBits - 1075;
        }

        // value = mantissa × 2^e; for e < 0 that is mantissa × 5^-e × 10^e: exact decimal digits.
        string digits;
        int decimalExponent;
        if (binaryExponent >= 0)
        {
            digits = (new BigInteger(mantissa) << binaryExponent).ToString(CultureInfo.InvariantCulture);
            decimalExponent = 0;
        }
        else
        {
            digits = (new BigInteger(mantissa) * BigInteger.Pow(5, -binaryExponent)).ToString(CultureInfo.InvariantCulture);
            decimalExponent = binaryExponent;
        }

        AppendFinite(buffer, negative, digits, decimalExponent);
    }

    private static void AppendDecimal(KeyBuffer buffer, Decimal128 value)
    {
        if (Decimal128.IsNaN(value))
        {
            buffer.Add(NaN);
            return;
        }

        if (Decimal128.IsInfinity(value))
        {
            buffer.Add(Decimal128.IsNegative(value) ? NegativeInfinity : PositiveInfinity);
            return;
        }

        // Decimal128's text form is exact: [-]digits[.digits][E±n].
        var text = value.ToString();
        var negative = text.StartsWith('-');
        var body = negative ? text[1..] : text;
        var exponent = 0;
        var e = body.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(body[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            body = body[..e];
        }

        var dot = body.IndexOf('.');
        if (dot >= 0)
        {
            exponent -= body.Length - dot - 1;
            body = body.Remove(dot, 1);
        }

        AppendFinite(buffer, negative, body, exponent);
    }

    /// <summary>Appends ±digits × 10^exponent (digits may have leading and trailing zeros; all zeros is zero).</summary>
    private static void AppendFinite(KeyBuffer buffer, bool negative, string digits, int exponent)
    {
        var first = 0;
        while (first < digits.Length && digits[first] == '0')
        {
            first++;
        }

        if (first == digits.Length)
        {
            buffer.Add(Zero);
            return;
        }

        var last = digits.Length - 1;
        while (digits[last] == '0')
        {
            last--;
        }

        // Normalised: value = 0.d(first)…d(last) × 10^scientific.
        var scientific = exponent + (digits.Length - first);
        buffer.Add(negative ? Negative : Positive);
        var start = buffer.Length;
        Span<byte> e = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(e, (uint)scientific ^ 0x8000_0000u);
        buffer.Add(e);
        for (var i = first; i <= last; i += 2)
        {
            var high = digits[i] - '0';
            var low = i + 1 <= last ? digits[i + 1] - '0' : 0;
            buffer.Add((byte)((high * 10) + low + 1));
        }

        buffer.Add(0);
        if (negative)
        {
            buffer.InvertFrom(start);
        }
    }
}

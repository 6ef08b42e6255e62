using System.Text;
using MongoDB.Bson;

namespace Ferry.Query.Common;

/// <summary>
/// Compares BSON values in MongoDB's order (no collation): type bracket first, then within the
/// bracket numbers numerically across int/long/double/decimal (NaN lowest), strings by UTF-8 bytes
/// (code point order), documents and arrays element by element (type, then name, then value),
/// binary by length, subtype, bytes, and so on. A null reference stands for a missing value.
/// Equality and hashing agree with the order (1, 1L, 1.0 and 1m are one value).
/// </summary>
public sealed class BsonValueComparer : IComparer<BsonValue?>, IEqualityComparer<BsonValue?>
{
    public static readonly BsonValueComparer Instance = new();

    private BsonValueComparer()
    {
    }

    public int Compare(BsonValue? x, BsonValue? y)
    {
        var bracket = BsonTypeOrder.Canonical(x).CompareTo(BsonTypeOrder.Canonical(y));
        if (bracket != 0)
        {
            return bracket;
        }

        if (x is null || y is null)
        {
            return 0;
        }

        switch (x.BsonType)
        {
            case BsonType.MinKey:
            case BsonType.MaxKey:
            case BsonType.Null:
            case BsonType.Undefined:
                return 0;
            case BsonType.Double:
            case BsonType.Int32:
            case BsonType.Int64:
            case BsonType.Decimal128:
                return CompareNumbers(x, y);
            case BsonType.String:
            case BsonType.Symbol:
                return CompareStrings(StringOf(x), StringOf(y));
            case BsonType.Document:
                return CompareDocuments(x.AsBsonDocument, y.AsBsonDocument);
            case BsonType.Array:
                return CompareArrays(x.AsBsonArray, y.AsBsonArray);
            case BsonType.Binary:
                return CompareBinary(x.AsBsonBinaryData, y.AsBsonBinaryData);
            case BsonType.ObjectId:
                return x.AsObjectId.CompareTo(y.AsObjectId);
            case BsonType.Boolean:
                return x.AsBoolean.CompareTo(y.AsBoolean);
            case BsonType.DateTime:
                return x.AsBsonDateTime.MillisecondsSinceEpoch.CompareTo(y.AsBsonDateTime.MillisecondsSinceEpoch);
            case BsonType.Timestamp:
                return ((ulong)x.AsBsonTimestamp.Value).CompareTo((ulong)y.AsBsonTimestamp.Value);
            case BsonType.RegularExpression:
                var rx = x.AsBsonRegularExpression;
                var ry = y.AsBsonRegularExpression;
                var p = CompareStrings(rx.Pattern, ry.Pattern);
                return p != 0 ? p : CompareStrings(rx.Options, ry.Options);
            case BsonType.JavaScript:
                return CompareStrings(x.AsBsonJavaScript.Code, y.AsBsonJavaScript.Code);
            case BsonType.JavaScriptWithScope:
                var cx = x.AsBsonJavaScriptWithScope;
                var cy = y.AsBsonJavaScriptWithScope;
                var c = CompareStrings(cx.Code, cy.Code);
                return c != 0 ? c : CompareDocuments(cx.Scope, cy.Scope);
            default:
                return 0;
        }
    }

    public bool Equals(BsonValue? x, BsonValue? y) => Compare(x, y) == 0;

    public int GetHashCode(BsonValue? obj)
    {
        if (obj is null)
        {
            return 0;
        }

        switch (obj.BsonType)
        {
            case BsonType.Int32:
            case BsonType.Int64:
            case BsonType.Double:
            case BsonType.Decimal128:
                var d = ToDouble(obj);
                return HashCode.Combine(10, double.IsNaN(d) ? double.NaN : d == 0 ? 0.0 : d);
            case BsonType.Symbol:
            case BsonType.String:
                return HashCode.Combine(15, StringOf(obj));
            case BsonType.Document:
                var h = new HashCode();
                h.Add(20);
                foreach (var e in obj.AsBsonDocument)
                {
                    h.Add(e.Name);
                    h.Add(GetHashCode(e.Value));
                }

                return h.ToHashCode();
            case BsonType.Array:
                var ha = new HashCode();
                ha.Add(25);
                foreach (var v in obj.AsBsonArray)
                {
                    ha.Add(GetHashCode(v));
                }

                return ha.ToHashCode();
            default:
                return HashCode.Combine(BsonTypeOrder.Canonical(obj), obj.GetHashCode());
        }
    }

    /// <summary>Compares two strings by Unicode code point, which is the order of their UTF-8 bytes.</summary>
    public static int CompareStrings(string a, string b)
    {
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            var ca = a[i];
            var cb = b[i];
            if (ca == cb)
            {
                continue;
            }

            // Surrogates (U+D800–U+DFFF) encode code points above U+FFFF, which sort after U+E000–U+FFFF.
            var sa = char.IsSurrogate(ca);
            var sb = char.IsSurrogate(cb);
            if (sa != sb)
            {
                return sa ? (cb >= 0xE000 ? 1 : ca.CompareTo(cb)) : (ca >= 0xE000 ? -1 : ca.CompareTo(cb));
            }

            return ca.CompareTo(cb);
        }

        return a.Length.CompareTo(b.Length);
    }

    public int CompareDocuments(BsonDocument x, BsonDocument y)
    {
        var n = Math.Min(x.ElementCount, y.ElementCount);
        for (var i = 0; i < n; i++)
        {
            var ex = x.GetElement(i);
            var ey = y.GetElement(i);
            var t = BsonTypeOrder.Canonical(ex.Value).CompareTo(BsonTypeOrder.Canonical(ey.Value));
            if (t != 0)
            {
                return t;
            }

            var name = CompareStrings(ex.Name, ey.Name);
            if (name != 0)
            {
                return name;
            }

            var v = Compare(ex.Value, ey.Value);
            if (v != 0)
            {
                return v;
            }
        }

        return x.ElementCount.CompareTo(y.ElementCount);
    }

    public int CompareArrays(BsonArray x, BsonArray y)
    {
        var n = Math.Min(x.Count, y.Count);
        for (var i = 0; i < n; i++)
        {
            var v = Compare(x[i], y[i]);
            if (v != 0)
            {
                return v;
            }
        }

        return x.Count.CompareTo(y.Count);
    }

    private static int CompareBinary(BsonBinaryData x, BsonBinaryData y)
    {
        var len = x.Bytes.Length.CompareTo(y.Bytes.Length);
        if (len != 0)
        {
            return len;
        }

        var sub = ((byte)x.SubType).CompareTo((byte)y.SubType);
        return sub != 0 ? sub : x.Bytes.AsSpan().SequenceCompareTo(y.Bytes);
    }

    private static string StringOf(BsonValue v) => v.BsonType == BsonType.Symbol ? v.AsBsonSymbol.Name : v.AsString;

    /// <summary>Numeric comparison across BSON number types; NaN is below every other number and equal to NaN.</summary>
    public static int CompareNumbers(BsonValue x, BsonValue y)
    {
        if (x.BsonType is BsonType.Int32 or BsonType.Int64 && y.BsonType is BsonType.Int32 or BsonType.Int64)
        {
            return x.ToInt64().CompareTo(y.ToInt64());
        }

        if (x.BsonType == BsonType.Decimal128 || y.BsonType == BsonType.Decimal128)
        {
            return CompareWithDecimal(x, y);
        }

        if (x.BsonType == BsonType.Double && y.BsonType == BsonType.Double)
        {
            return CompareDoubles(x.AsDouble, y.AsDouble);
        }

        // One long/int and one double: compare exactly, without rounding the long.
        if (x.BsonType == BsonType.Double)
        {
            return -CompareLongDouble(y.ToInt64(), x.AsDouble);
        }

        return CompareLongDouble(x.ToInt64(), y.AsDouble);
    }

    private static int CompareDoubles(double a, double b)
    {
        if (double.IsNaN(a))
        {
            return double.IsNaN(b) ? 0 : -1;
        }

        if (double.IsNaN(b))
        {
            return 1;
        }

        return a < b ? -1 : a > b ? 1 : 0;
    }

    private static int CompareLongDouble(long l, double d)
    {
        if (double.IsNaN(d))
        {
            return 1;
        }

        // 2^63 is exactly representable; anything at or above it is above every long.
        if (d >= 9223372036854775808.0)
        {
            return -1;
        }

        if (d < -9223372036854775808.0)
        {
            return 1;
        }

        var truncated = (long)d;
        if (l != truncated)
        {
            return l < truncated ? -1 : 1;
        }

        var fraction = d - Math.Truncate(d);
        return fraction > 0 ? -1 : fraction < 0 ? 1 : 0;
    }

    private static int CompareWithDecimal(BsonValue x, BsonValue y)
    {
        var dx = ToExactDecimal128(x);
        var dy = ToExactDecimal128(y);
        var nanX = Decimal128.IsNaN(dx);
        var nanY = Decimal128.IsNaN(dy);
        if (nanX || nanY)
        {
            return nanX && nanY ? 0 : nanX ? -1 : 1;
        }

        var infX = Decimal128.IsInfinity(dx);
        var infY = Decimal128.IsInfinity(dy);
        if (infX || infY)
        {
            var sx = infX ? (Decimal128.IsNegative(dx) ? -2 : 2) : 0;
            var sy = infY ? (Decimal128.IsNegative(dy) ? -2 : 2) : 0;
            if (sx != 0 && sy != 0)
            {
                return sx.CompareTo(sy);
            }

            return sx != 0 ? Math.Sign(sx) : -Math.Sign(sy);
        }

        // System.Decimal covers ±7.9e28 with 28 digits; beyond that fall back to double.
        if (TryToDecimal(dx, out var mx) && TryToDecimal(dy, out var my))
        {
            return mx.CompareTo(my);
        }

        return CompareDoubles(Decimal128.ToDouble(dx), Decimal128.ToDouble(dy));
    }

    private static bool TryToDecimal(Decimal128 d, out decimal value)
    {
        try
        {
            value = Decimal128.ToDecimal(d);
            return true;
        }
        catch (OverflowException)
        {
            value = 0;
            return false;
        }
    }

    /// <summary>A number as a decimal for comparing: a double keeps its exact binary value (unlike Numeric.ToDecimal128Rounded).</summary>
    private static Decimal128 ToExactDecimal128(BsonValue v) => v.BsonType switch
    {
        BsonType.Decimal128 => v.AsDecimal128,
        BsonType.Int32 => new Decimal128(v.AsInt32),
        BsonType.Int64 => new Decimal128(v.AsInt64),
        _ => DoubleToExactDecimal128(v.AsDouble),
    };

    private static Decimal128 DoubleToExactDecimal128(double d)
    {
        if (double.IsNaN(d))
        {
            return Decimal128.QNaN;
        }

        if (double.IsPositiveInfinity(d))
        {
            return Decimal128.PositiveInfinity;
        }

        if (double.IsNegativeInfinity(d))
        {
            return Decimal128.NegativeInfinity;
        }

        // MongoDB compares a double with a decimal exactly (the double's binary value to 34 digits), so 0.1 as a
        // double is greater than 0.1 as a decimal; "E33" prints those 34 significant digits.
        return Decimal128.Parse(d.ToString("E33", System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Any BSON number as a double (decimal rounded).</summary>
    public static double ToDouble(BsonValue v) => v.BsonType switch
    {
        BsonType.Int32 => v.AsInt32,
        BsonType.Int64 => v.AsInt64,
        BsonType.Double => v.AsDouble,
        BsonType.Decimal128 => Decimal128.ToDouble(v.AsDecimal128),
        _ => throw new ArgumentException("not a number: " + v.BsonType, nameof(v)),
    };

    internal static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);
}

using System.Globalization;
using MongoDB.Bson;

namespace Ferry.Query.Expressions;

/// <summary>Formats BSON numbers as MongoDB prints them in <c>$toString</c> and <c>$concat</c>-style coercions.</summary>
internal static class NumberFormat
{
    public static string Format(BsonValue number) => number.BsonType switch
    {
        BsonType.Int32 => number.AsInt32.ToString(CultureInfo.InvariantCulture),
        BsonType.Int64 => number.AsInt64.ToString(CultureInfo.InvariantCulture),
        BsonType.Double => FormatDouble(number.AsDouble),
        BsonType.Decimal128 => number.AsDecimal128.ToString(),
        _ => throw new ArgumentException("not a number", nameof(number)),
    };

    public static string FormatDouble(double d)
    {
        if (double.IsNaN(d))
        {
            return "NaN";
        }

        if (double.IsInfinity(d))
        {
            return d > 0 ? "Infinity" : "-Infinity";
        }

        // Shortest round-trip digits, with C++-style exponents ("1e+20").
        var text = d.ToString("R", CultureInfo.InvariantCulture);
        var e = text.IndexOf('E', StringComparison.Ordinal);
        if (e < 0)
        {
            return text;
        }

        var mantissa = text[..e];
        var exponent = text[(e + 1)..];
        var sign = exponent.StartsWith('-') ? "-" : "+";
        var digits = exponent.TrimStart('+', '-').PadLeft(2, '0');
        return mantissa + "e" + sign + digits;
    }
}

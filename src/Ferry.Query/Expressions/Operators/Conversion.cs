using System.Globalization;
using MongoDB.Bson;

namespace Ferry.Query.Expressions.Operators;

/// <summary>$convert's conversion matrix between BSON types, with MongoDB's ConversionFailure (241) messages.</summary>
internal static class Conversion
{
    private const string NoOnError = " in $convert with no onError value";

    /// <summary>Type names $convert accepts as a target but cannot convert to: the conversion fails (and onError applies).</summary>
    private static readonly Dictionary<string, BsonType> OtherTypeNames = new(StringComparer.Ordinal)
    {
        ["object"] = BsonType.Document, ["array"] = BsonType.Array, ["binData"] = BsonType.Binary, ["undefined"] = BsonType.Undefined,
        ["null"] = BsonType.Null, ["regex"] = BsonType.RegularExpression, ["javascript"] = BsonType.JavaScript, ["symbol"] = BsonType.Symbol,
        ["javascriptWithScope"] = BsonType.JavaScriptWithScope, ["timestamp"] = BsonType.Timestamp, ["minKey"] = BsonType.MinKey,
        ["maxKey"] = BsonType.MaxKey, ["missing"] = BsonType.EndOfDocument, ["dbPointer"] = BsonType.EndOfDocument,
    };

    /// <summary>The target of <c>to</c>: a type name ("int") or a BSON type number (16).</summary>
    public static BsonType TargetType(BsonValue to)
    {
        if (to is BsonString s)
        {
            return s.Value switch
            {
                "double" => BsonType.Double,
                "string" => BsonType.String,
                "objectId" => BsonType.ObjectId,
                "bool" => BsonType.Boolean,
                "date" => BsonType.DateTime,
                "int" => BsonType.Int32,
                "long" => BsonType.Int64,
                "decimal" => BsonType.Decimal128,
                _ when OtherTypeNames.TryGetValue(s.Value, out var other) => other,
                _ => throw ExpressionErrors.Bad("Unknown type name: " + s.Value),
            };
        }

        if (Values.IsNumber(to) && Numeric.TryToIntExact(to, out var code))
        {
            return code switch
            {
                1 => BsonType.Double,
                2 => BsonType.String,
                7 => BsonType.ObjectId,
                8 => BsonType.Boolean,
                9 => BsonType.DateTime,
                16 => BsonType.Int32,
                18 => BsonType.Int64,
                19 => BsonType.Decimal128,
                _ => throw ExpressionErrors.Bad("In $convert, numeric value for 'to' does not correspond to a BSON type: " + code),
            };
        }

        throw ExpressionErrors.Location(50716, "$convert's 'to' argument must be a string or number, but is " + ExpressionErrors.TypeName(to));
    }

    public static BsonValue Convert(BsonValue value, BsonType target)
    {
        var supported = target is BsonType.Double or BsonType.String or BsonType.ObjectId or BsonType.Boolean or BsonType.DateTime
            or BsonType.Int32 or BsonType.Int64 or BsonType.Decimal128;
        if (!supported)
        {
            throw ExpressionErrors.Conversion("Unsupported conversion from " + ExpressionErrors.TypeName(value) + " to " +
                (target == BsonType.EndOfDocument ? "missing" : ExpressionErrors.TypeName(target)) + NoOnError);
        }

        if (value.BsonType == target)
        {
            return value;
        }

        return target switch
        {
            BsonType.Double => ToDouble(value),
            BsonType.String => ToStringValue(value),
            BsonType.ObjectId => ToObjectId(value),
            BsonType.Boolean => ToBool(value),
            BsonType.DateTime => ToDate(value),
            BsonType.Int32 => ToInt(value),
            BsonType.Int64 => ToLong(value),
            BsonType.Decimal128 => ToDecimal(value),
            _ => throw Unsupported(value, target),
        };
    }

    private static Common.MqlException Unsupported(BsonValue value, BsonType target) =>
        ExpressionErrors.Conversion("Unsupported conversion from " + ExpressionErrors.TypeName(value) + " to " + ExpressionErrors.TypeName(target) + NoOnError);

    private static Common.MqlException Overflow(BsonValue value) =>
        ExpressionErrors.Conversion("Conversion would overflow target type" + NoOnError + ": " + value.ToString());

    private static BsonValue ToDouble(BsonValue value)
    {
        switch (value.BsonType)
        {
            case BsonType.Int32:
            case BsonType.Int64:
            case BsonType.Decimal128:
                return new BsonDouble(Numeric.ToDouble(value));
            case BsonType.Boolean:
                return new BsonDouble(value.AsBoolean ? 1 : 0);
            case BsonType.DateTime:
                return new BsonDouble(value.AsBsonDateTime.MillisecondsSinceEpoch);
            case BsonType.String:
                var s = value.AsString;
                if (s is "NaN" or "nan")
                {
                    return new BsonDouble(double.NaN);
                }

                if (s is "Infinity" or "inf" or "infinity")
                {
                    return new BsonDouble(double.PositiveInfinity);
                }

                if (s is "-Infinity" or "-inf" or "-infinity")
                {
                    return new BsonDouble(double.NegativeInfinity);
                }

                if (s.Length > 0 && !char.IsWhiteSpace(s[0]) && !char.IsWhiteSpace(s[^1]) &&
                    double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
                {
                    return new BsonDouble(d);
                }

                throw ParseFailure(s);
            default:
                throw Unsupported(value, BsonType.Double);
        }
    }

    private static Common.MqlException ParseFailure(string s) =>
        ExpressionErrors.Conversion("Failed to parse number '" + s + "'" + NoOnError + ": Did not consume whole string.");

    private static BsonValue ToStringValue(BsonValue value) => value.BsonType switch
    {
        BsonType.Boolean => new BsonString(value.AsBoolean ? "true" : "false"),
        BsonType.ObjectId => new BsonString(value.AsObjectId.ToString()),
        BsonType.Int32 or BsonType.Int64 or BsonType.Double or BsonType.Decimal128 or BsonType.DateTime or BsonType.Symbol =>
            new BsonString(Values.CoerceToString(value, "$convert")),
        _ => throw Unsupported(value, BsonType.String),
    };

    private static BsonValue ToObjectId(BsonValue value)
    {
        if (value is BsonString s)
        {
            return s.Value.Length == 24 && ObjectId.TryParse(s.Value, out var id)
                ? new BsonObjectId(id)
                : throw ExpressionErrors.Conversion("Failed to parse objectId '" + s.Value + "'" + NoOnError + ": Invalid string length for parsing to OID, expected 24 but found " + s.Value.Length);
        }

        throw Unsupported(value, BsonType.ObjectId);
    }

    private static BsonValue ToBool(BsonValue value) => value.BsonType switch
    {
        BsonType.Int32 or BsonType.Int64 or BsonType.Double or BsonType.Decimal128 => BsonBoolean.Create(Values.ToBool(value)),
        _ => BsonBoolean.True,
    };

    private static BsonValue ToDate(BsonValue value)
    {
        switch (value.BsonType)
        {
            case BsonType.Int64:
                return new BsonDateTime(value.AsInt64);
            case BsonType.Double:
            case BsonType.Decimal128:
                var d = Numeric.ToDouble(value);
                if (double.IsNaN(d) || double.IsInfinity(d) || d >= 9.2233720368547758e18 || d < -9.2233720368547758e18)
                {
                    throw ExpressionErrors.Conversion("Conversion would overflow target type" + NoOnError + ": " + value);
                }

                return new BsonDateTime((long)d);
            case BsonType.String:
                return new BsonDateTime(DateParsing.Parse(value.AsString, null, TimeZoneSpec.Utc, "$convert"));
            case BsonType.ObjectId:
            case BsonType.Timestamp:
                return new BsonDateTime(Values.CoerceToDate(value));
            default:
                throw Unsupported(value, BsonType.DateTime);
        }
    }

    private static BsonValue ToLong(BsonValue value)
    {
        switch (value.BsonType)
        {
            case BsonType.Int32:
                return new BsonInt64(value.AsInt32);
            case BsonType.Boolean:
                return new BsonInt64(value.AsBoolean ? 1 : 0);
            case BsonType.DateTime:
                return new BsonInt64(value.AsBsonDateTime.MillisecondsSinceEpoch);
            case BsonType.Double:
            case BsonType.Decimal128:
                return new BsonInt64(TruncateToLong(value));
            case BsonType.String:
                return long.TryParse(value.AsString, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
                    ? new BsonInt64(l)
                    : throw ParseFailure(value.AsString);
            default:
                throw Unsupported(value, BsonType.Int64);
        }
    }

    private static BsonValue ToInt(BsonValue value)
    {
        long result;
        switch (value.BsonType)
        {
            case BsonType.Boolean:
                return new BsonInt32(value.AsBoolean ? 1 : 0);
            case BsonType.Int64:
                result = value.AsInt64;
                break;
            case BsonType.Double:
            case BsonType.Decimal128:
                result = TruncateToLong(value);
                break;
            case BsonType.String:
                if (!int.TryParse(value.AsString, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i))
                {
                    throw long.TryParse(value.AsString, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
                        ? Overflow(value)
                        : ParseFailure(value.AsString);
                }

                return new BsonInt32(i);
            default:
                throw Unsupported(value, BsonType.Int32);
        }

        return result is < int.MinValue or > int.MaxValue ? throw Overflow(value) : new BsonInt32((int)result);
    }

    private static long TruncateToLong(BsonValue value)
    {
        if (value.BsonType == BsonType.Decimal128 && Numeric.TryDecimal(value.AsDecimal128, out var m))
        {
            var t = decimal.Truncate(m);
            return t is < long.MinValue or > long.MaxValue ? throw Overflow(value) : (long)t;
        }

        var d = Numeric.ToDouble(value);
        if (double.IsNaN(d) || double.IsInfinity(d))
        {
            throw ExpressionErrors.Conversion("Attempt to convert " + (double.IsNaN(d) ? "NaN" : "infinity") + " value to integer type" + NoOnError);
        }

        var truncated = Math.Truncate(d);
        return truncated >= 9.2233720368547758e18 || truncated < -9.2233720368547758e18 ? throw Overflow(value) : (long)truncated;
    }

    private static BsonValue ToDecimal(BsonValue value)
    {
        switch (value.BsonType)
        {
            case BsonType.Int32:
            case BsonType.Int64:
            case BsonType.Double:
                return new BsonDecimal128(Numeric.ToDecimal128Rounded(value));
            case BsonType.Boolean:
                return new BsonDecimal128(new Decimal128(value.AsBoolean ? 1 : 0));
            case BsonType.DateTime:
                return new BsonDecimal128(new Decimal128(value.AsBsonDateTime.MillisecondsSinceEpoch));
            case BsonType.String:
                return Decimal128.TryParse(value.AsString, out var d) ? new BsonDecimal128(d) : throw ParseFailure(value.AsString);
            default:
                throw Unsupported(value, BsonType.Decimal128);
        }
    }
}

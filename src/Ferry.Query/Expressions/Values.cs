using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Query.Expressions;

/// <summary>
/// Small value rules shared by the operators: what counts as nullish, truthiness, and conversions
/// MongoDB applies implicitly (coerceToBool, coerceToString, coerceToDate).
/// </summary>
internal static class Values
{
    /// <summary>Null, undefined or missing: the inputs for which most operators return null.</summary>
    public static bool IsNullish(BsonValue? value) =>
        value is null || value.BsonType is BsonType.Null or BsonType.Undefined;

    public static bool IsNumber(BsonValue? value) => BsonTypeOrder.IsNumber(value);

    /// <summary>MongoDB's truthiness: false, null, undefined, missing and numeric zero are false; everything else true.</summary>
    public static bool ToBool(BsonValue? value)
    {
        if (value is null)
        {
            return false;
        }

        return value.BsonType switch
        {
            BsonType.Boolean => value.AsBoolean,
            BsonType.Null or BsonType.Undefined => false,
            BsonType.Int32 => value.AsInt32 != 0,
            BsonType.Int64 => value.AsInt64 != 0,
            BsonType.Double => value.AsDouble != 0,
            BsonType.Decimal128 => !Decimal128.IsZero(value.AsDecimal128),
            _ => true,
        };
    }

    /// <summary>Value::coerceToString: strings, numbers, dates and timestamps to text; null/missing to "".</summary>
    public static string CoerceToString(BsonValue? value, string operatorName)
    {
        if (IsNullish(value))
        {
            return string.Empty;
        }

        return value!.BsonType switch
        {
            BsonType.String => value.AsString,
            BsonType.Symbol => value.AsBsonSymbol.Name,
            BsonType.Int32 or BsonType.Int64 or BsonType.Double or BsonType.Decimal128 => NumberFormat.Format(value),
            BsonType.DateTime => DateFormat.FormatIso(value.AsBsonDateTime.MillisecondsSinceEpoch),
            BsonType.Timestamp => FormatTimestamp(value.AsBsonTimestamp),
            BsonType.ObjectId when operatorName is "$toString" or "$convert" => value.AsObjectId.ToString(),
            _ => throw ExpressionErrors.Location(16007, "can't convert from BSON type " + ExpressionErrors.TypeName(value) + " to String"),
        };
    }

    /// <summary>Value::coerceToDate: dates, timestamps (seconds) and ObjectIds (their creation time) as epoch milliseconds.</summary>
    public static long CoerceToDate(BsonValue value)
    {
        return value.BsonType switch
        {
            BsonType.DateTime => value.AsBsonDateTime.MillisecondsSinceEpoch,
            BsonType.Timestamp => value.AsBsonTimestamp.Timestamp * 1000L,
            BsonType.ObjectId => value.AsObjectId.Timestamp * 1000L,
            _ => throw ExpressionErrors.Location(16006, "can't convert from BSON type " + ExpressionErrors.TypeName(value) + " to Date"),
        };
    }

    public static bool IsDateLike(BsonValue? value) =>
        value is not null && value.BsonType is BsonType.DateTime or BsonType.Timestamp or BsonType.ObjectId;

    private static string FormatTimestamp(BsonTimestamp ts) =>
        "Timestamp(" + ts.Timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture) + ", " +
        ts.Increment.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")";
}

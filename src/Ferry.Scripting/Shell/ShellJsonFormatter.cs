using System.Globalization;
using System.Text;
using MongoDB.Bson;

namespace Ferry.Scripting.Shell;

/// <summary>
/// Formats BSON the way mongosh prints it (<c>{ _id: ObjectId('…'), n: Long('5'), at: ISODate('…') }</c>), for
/// <c>print</c>, <c>printjson</c> and the value an <c>eval</c> ends with. Documents are spread over lines with
/// two-space indentation when <c>indent</c> is set; arrays of scalars stay on one line.
/// </summary>
internal static class ShellJsonFormatter
{
    public static string Format(BsonValue value, bool indent)
    {
        var builder = new StringBuilder();
        Write(builder, value, indent, 0);
        return builder.ToString();
    }

    private static void Write(StringBuilder b, BsonValue value, bool indent, int depth)
    {
        switch (value)
        {
            case BsonDocument document:
                WriteDocument(b, document, indent, depth);
                break;
            case BsonArray array:
                WriteArray(b, array, indent, depth);
                break;
            default:
                b.Append(Scalar(value));
                break;
        }
    }

    private static void WriteDocument(StringBuilder b, BsonDocument document, bool indent, int depth)
    {
        if (document.ElementCount == 0)
        {
            b.Append("{}");
            return;
        }

        b.Append('{');
        var first = true;
        foreach (var element in document)
        {
            b.Append(first ? string.Empty : ",");
            first = false;
            NewLine(b, indent, depth + 1);
            b.Append(Key(element.Name)).Append(": ");
            Write(b, element.Value, indent, depth + 1);
        }

        NewLine(b, indent, depth);
        b.Append('}');
    }

    private static void WriteArray(StringBuilder b, BsonArray array, bool indent, int depth)
    {
        if (array.Count == 0)
        {
            b.Append("[]");
            return;
        }

        var multiline = indent && array.Any(v => v is BsonDocument or BsonArray);
        b.Append('[');
        for (var i = 0; i < array.Count; i++)
        {
            b.Append(i == 0 ? string.Empty : ",");
            NewLine(b, multiline, depth + 1);
            Write(b, array[i], indent, depth + 1);
        }

        NewLine(b, multiline, depth);
        b.Append(']');
    }

    private static void NewLine(StringBuilder b, bool indent, int depth)
    {
        if (indent)
        {
            b.Append('\n').Append(' ', depth * 2);
        }
        else
        {
            b.Append(' ');
        }
    }

    private static string Key(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] is '_' or '$') && name.All(c => char.IsLetterOrDigit(c) || c is '_' or '$')
            ? name
            : Quote(name);

    public static string Quote(string text) => "'" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "'";

    /// <summary>One scalar as mongosh shows it; also used for a wrapper's <c>inspect()</c>.</summary>
    public static string Scalar(BsonValue value) => value.BsonType switch
    {
        BsonType.String => Quote(value.AsString),
        BsonType.Int32 => value.AsInt32.ToString(CultureInfo.InvariantCulture),
        BsonType.Double => Number(value.AsDouble),
        BsonType.Int64 => $"Long('{value.AsInt64.ToString(CultureInfo.InvariantCulture)}')",
        BsonType.Decimal128 => $"Decimal128('{value.AsDecimal128}')",
        BsonType.Boolean => value.AsBoolean ? "true" : "false",
        BsonType.Null => "null",
        BsonType.Undefined => "undefined",
        BsonType.ObjectId => $"ObjectId('{value.AsObjectId}')",
        BsonType.DateTime => $"ISODate('{IsoDate(value.AsBsonDateTime)}')",
        BsonType.Timestamp => $"Timestamp({{ t: {value.AsBsonTimestamp.Timestamp}, i: {value.AsBsonTimestamp.Increment} }})",
        BsonType.Binary when value.AsBsonBinaryData is { SubType: BsonBinarySubType.UuidStandard, Bytes.Length: 16 } uuid =>
            $"UUID('{uuid.ToGuid(GuidRepresentation.Standard)}')",
        BsonType.Binary => $"Binary.createFromBase64('{Convert.ToBase64String(value.AsBsonBinaryData.Bytes)}', {(int)value.AsBsonBinaryData.SubType})",
        BsonType.RegularExpression => $"/{value.AsBsonRegularExpression.Pattern}/{value.AsBsonRegularExpression.Options}",
        BsonType.MinKey => "MinKey()",
        BsonType.MaxKey => "MaxKey()",
        BsonType.JavaScript => $"Code({Quote(value.AsBsonJavaScript.Code)})",
        BsonType.Symbol => Quote(value.AsBsonSymbol.Name),
        _ => value.ToString() ?? string.Empty,
    };

    public static string IsoDate(BsonDateTime date) =>
        date.IsValidDateTime
            ? date.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)
            : date.MillisecondsSinceEpoch.ToString(CultureInfo.InvariantCulture);

    private static string Number(double d) =>
        double.IsNaN(d) ? "NaN" : double.IsPositiveInfinity(d) ? "Infinity" : double.IsNegativeInfinity(d) ? "-Infinity" : d.ToString("R", CultureInfo.InvariantCulture);
}

using Ferry.Query.Common;
using System.Globalization;
using System.Text;
using MongoDB.Bson;

namespace Ferry.Query.Updates;

/// <summary>Prints BSON the way MongoDB's error messages do (<c>{a: 1}</c>, <c>"text"</c>), for message fidelity.</summary>
internal static class ShellFormat
{
    public static string Element(string name, BsonValue value) => name + ": " + Value(value);

    public static string Value(BsonValue value)
    {
        var sb = new StringBuilder();
        Append(sb, value);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, BsonValue value)
    {
        switch (value.BsonType)
        {
            case BsonType.Document:
                sb.Append('{');
                var first = true;
                foreach (var e in value.AsBsonDocument)
                {
                    sb.Append(first ? " " : ", ").Append(e.Name).Append(": ");
                    Append(sb, e.Value);
                    first = false;
                }

                sb.Append(first ? "}" : " }");
                break;
            case BsonType.Array:
                sb.Append('[');
                var firstItem = true;
                foreach (var v in value.AsBsonArray)
                {
                    sb.Append(firstItem ? " " : ", ");
                    Append(sb, v);
                    firstItem = false;
                }

                sb.Append(firstItem ? "]" : " ]");
                break;
            case BsonType.String:
                sb.Append('"').Append(value.AsString).Append('"');
                break;
            case BsonType.Int32:
                sb.Append(value.AsInt32.ToString(CultureInfo.InvariantCulture));
                break;
            case BsonType.Int64:
                sb.Append(value.AsInt64.ToString(CultureInfo.InvariantCulture));
                break;
            case BsonType.Double:
                var d = value.AsDouble;
                sb.Append(double.IsFinite(d) && d == Math.Floor(d) && Math.Abs(d) < 1e15
                    ? d.ToString("0.0", CultureInfo.InvariantCulture)
                    : d.ToString("R", CultureInfo.InvariantCulture));
                break;
            case BsonType.Decimal128:
                sb.Append("NumberDecimal(\"").Append(value.AsDecimal128.ToString()).Append("\")");
                break;
            case BsonType.Null:
                sb.Append("null");
                break;
            case BsonType.Boolean:
                sb.Append(value.AsBoolean ? "true" : "false");
                break;
            case BsonType.ObjectId:
                sb.Append("ObjectId('").Append(value.AsObjectId.ToString()).Append("')");
                break;
            default:
                sb.Append(value.ToString());
                break;
        }
    }

    /// <summary>MongoDB's name for a BSON type (typeName()), used in several update error messages.</summary>
    public static string TypeName(BsonType type) => BsonTypeNames.NameOf(type) ?? type.ToString();
}

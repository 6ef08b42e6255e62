using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using MongoDB.Bson;
using MongoDB.Bson.IO;

namespace Ferry.Core.Json;

/// <summary>
/// Ferry's JSON text for a BSON document: MongoDB's relaxed Extended JSON, except that a double prints as the shortest
/// text that reads back as the same double (15.2, where the driver's writer prints 15.199999999999999). Whole doubles
/// keep their ".0" so a reader still sees a double. Types JSON has no literal for (dates, ObjectIds, decimals, …) print
/// as the driver prints them (<c>{"$date": …}</c>).
/// </summary>
public static class RelaxedJson
{
    private static readonly JsonWriterSettings ValueSettings = new() { OutputMode = JsonOutputMode.RelaxedExtendedJson };

    private static readonly JsonWriterOptions IndentedOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonWriterOptions CompactOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(BsonDocument document, bool indented = true)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, indented ? IndentedOptions : CompactOptions))
        {
            WriteValue(writer, document);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The shortest round-trip text of a finite double, with ".0" when it is whole.</summary>
    public static string Double(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.AsSpan().IndexOfAny(".Ee") < 0 ? text + ".0" : text;
    }

    private static void WriteValue(Utf8JsonWriter writer, BsonValue value)
    {
        switch (value)
        {
            case BsonDocument document:
                writer.WriteStartObject();
                foreach (var element in document)
                {
                    writer.WritePropertyName(element.Name);
                    WriteValue(writer, element.Value);
                }

                writer.WriteEndObject();
                break;
            case BsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            case BsonString s:
                writer.WriteStringValue(s.Value);
                break;
            case BsonInt32 i:
                writer.WriteNumberValue(i.Value);
                break;
            case BsonInt64 l:
                writer.WriteNumberValue(l.Value);
                break;
            case BsonDouble d when double.IsFinite(d.Value):
                writer.WriteRawValue(Double(d.Value), skipInputValidation: true);
                break;
            case BsonBoolean b:
                writer.WriteBooleanValue(b.Value);
                break;
            case BsonNull:
                writer.WriteNullValue();
                break;
            default:
                writer.WriteRawValue(new BsonDocument("v", value).ToJson(ValueSettings)[("{ \"v\" : ".Length)..^" }".Length]);
                break;
        }
    }
}

using MongoDB.Bson;
using MongoDB.Bson.IO;

namespace Ferry.Query.Tests.UpdateSemantics;

/// <summary>
/// Reads the (relaxed or canonical) Extended JSON of the recorded cases into BSON, keeping duplicate field names
/// (several cases deliberately repeat a path, e.g. <c>{ "a.b": 1, "a.b": 2 }</c>), which BsonDocument's
/// deserializer would reject.
/// </summary>
internal static class LenientJson
{
    public static BsonValue ParseValue(string json)
    {
        using var reader = new JsonReader(json);
        return ReadValue(reader);
    }

    public static BsonDocument ParseDocument(string json) => ParseValue(json).AsBsonDocument;

    private static BsonValue ReadValue(IBsonReader reader)
    {
        var type = reader.GetCurrentBsonType();
        switch (type)
        {
            case BsonType.Document:
                var doc = new BsonDocument(allowDuplicateNames: true);
                reader.ReadStartDocument();
                while (reader.ReadBsonType() != BsonType.EndOfDocument)
                {
                    var name = reader.ReadName();
                    doc.Add(name, ReadValue(reader));
                }

                reader.ReadEndDocument();
                return doc;
            case BsonType.Array:
                var array = new BsonArray();
                reader.ReadStartArray();
                while (reader.ReadBsonType() != BsonType.EndOfDocument)
                {
                    array.Add(ReadValue(reader));
                }

                reader.ReadEndArray();
                return array;
            default:
                return MongoDB.Bson.Serialization.Serializers.BsonValueSerializer.Instance.Deserialize(
                    MongoDB.Bson.Serialization.BsonDeserializationContext.CreateRoot(reader), default);
        }
    }

    private static BsonType GetCurrentBsonType(this IBsonReader reader)
    {
        if (reader.State is BsonReaderState.Initial or BsonReaderState.Type)
        {
            reader.ReadBsonType();
        }

        return reader.CurrentBsonType;
    }
}

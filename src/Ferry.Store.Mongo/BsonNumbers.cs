using MongoDB.Bson;

namespace Ferry.Store.Mongo;

/// <summary>Reads numeric fields of server replies, which may be Int32, Int64 or Double depending on size and version.</summary>
internal static class BsonNumbers
{
    public static long Int64(BsonDocument document, string field) =>
        document.TryGetValue(field, out var value) ? Int64(value) : 0;

    public static long Int64(BsonValue value) => value.BsonType switch
    {
        BsonType.Int32 => value.AsInt32,
        BsonType.Int64 => value.AsInt64,
        BsonType.Double => (long)value.AsDouble,
        BsonType.Decimal128 => (long)value.AsDecimal,
        _ => 0,
    };
}

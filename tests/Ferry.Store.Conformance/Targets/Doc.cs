using MongoDB.Bson;

namespace Ferry.Store.Conformance.Targets;

/// <summary>Short helpers for writing documents in tests as relaxed Extended JSON.</summary>
public static class Doc
{
    public static BsonDocument Parse(string json) => BsonDocument.Parse(json);

    public static BsonArray Array(string json) => MongoDB.Bson.Serialization.BsonSerializer.Deserialize<BsonArray>(json);
}

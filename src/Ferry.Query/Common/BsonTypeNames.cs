using MongoDB.Bson;

namespace Ferry.Query.Common;

/// <summary>
/// MongoDB's string aliases of BSON types (<c>$type</c>, <c>$jsonSchema bsonType</c>, error messages):
/// one table for every part of Ferry that names a type.
/// </summary>
public static class BsonTypeNames
{
    /// <summary>Alias → type, as MongoDB spells them ("number" and "dbPointer" are handled by callers).</summary>
    public static readonly IReadOnlyDictionary<string, BsonType> ByAlias = new Dictionary<string, BsonType>(StringComparer.Ordinal)
    {
        ["double"] = BsonType.Double,
        ["string"] = BsonType.String,
        ["object"] = BsonType.Document,
        ["array"] = BsonType.Array,
        ["binData"] = BsonType.Binary,
        ["undefined"] = BsonType.Undefined,
        ["objectId"] = BsonType.ObjectId,
        ["bool"] = BsonType.Boolean,
        ["date"] = BsonType.DateTime,
        ["null"] = BsonType.Null,
        ["regex"] = BsonType.RegularExpression,
        ["javascript"] = BsonType.JavaScript,
        ["symbol"] = BsonType.Symbol,
        ["javascriptWithScope"] = BsonType.JavaScriptWithScope,
        ["int"] = BsonType.Int32,
        ["timestamp"] = BsonType.Timestamp,
        ["long"] = BsonType.Int64,
        ["decimal"] = BsonType.Decimal128,
        ["minKey"] = BsonType.MinKey,
        ["maxKey"] = BsonType.MaxKey,
    };

    private static readonly Dictionary<BsonType, string> ByType = ByAlias.ToDictionary(p => p.Value, p => p.Key);

    /// <summary>MongoDB's alias of a type (typeName()), or null for a type MongoDB has no alias for.</summary>
    public static string? NameOf(BsonType type) => ByType.GetValueOrDefault(type);
}

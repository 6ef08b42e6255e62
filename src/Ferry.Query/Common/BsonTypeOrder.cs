using MongoDB.Bson;

namespace Ferry.Query.Common;

/// <summary>
/// MongoDB's canonical type brackets (bsontypes.cpp, canonicalizeBSONType): values of different
/// BSON types compare by bracket first; numbers share one bracket, as do string and symbol.
/// A missing value (a null reference here) ranks with undefined, below null.
/// </summary>
public static class BsonTypeOrder
{
    public static int Canonical(BsonValue? value) => value is null ? 0 : Canonical(value.BsonType);

    public static int Canonical(BsonType type) => type switch
    {
        BsonType.MinKey => -1,
        BsonType.Undefined => 0,
        BsonType.Null => 5,
        BsonType.Double or BsonType.Int32 or BsonType.Int64 or BsonType.Decimal128 => 10,
        BsonType.String or BsonType.Symbol => 15,
        BsonType.Document => 20,
        BsonType.Array => 25,
        BsonType.Binary => 30,
        BsonType.ObjectId => 35,
        BsonType.Boolean => 40,
        BsonType.DateTime => 45,
        BsonType.Timestamp => 47,
        BsonType.RegularExpression => 50,
        BsonType.JavaScript => 60,
        BsonType.JavaScriptWithScope => 65,
        BsonType.MaxKey => 127,
        _ => 55, // DBPointer has no BsonType in the C# library; keep its bracket for completeness.
    };

    public static bool IsNumber(BsonValue? value) =>
        value is not null && value.BsonType is BsonType.Double or BsonType.Int32 or BsonType.Int64 or BsonType.Decimal128;
}

using System.Globalization;
using MongoDB.Bson;

namespace Ferry.Store.Mongo;

/// <summary>MongoDB's generated index names: each key field and its direction or type, joined by <c>_</c>
/// (<c>{a: 1, "b.c": -1}</c> → <c>a_1_b.c_-1</c>, <c>{t: "text"}</c> → <c>t_text</c>).</summary>
internal static class IndexNames
{
    public static string Generate(BsonDocument key) =>
        string.Join("_", key.Elements.Select(e => e.Name + "_" + Format(e.Value)));

    private static string Format(BsonValue value) => value.BsonType switch
    {
        BsonType.Int32 => value.AsInt32.ToString(CultureInfo.InvariantCulture),
        BsonType.Int64 => value.AsInt64.ToString(CultureInfo.InvariantCulture),
        BsonType.Double => value.AsDouble.ToString("R", CultureInfo.InvariantCulture),
        BsonType.Decimal128 => value.AsDecimal128.ToString(),
        BsonType.String => value.AsString,
        _ => value.ToString()!,
    };
}

using System.Globalization;
using MongoDB.Bson;

namespace Ferry.Core.Indexes;

/// <summary>MongoDB's generated index name (<c>{a: 1, b: -1}</c> → <c>a_1_b_-1</c>), for declarations without a name.</summary>
public static class IndexNaming
{
    public static string Generate(BsonDocument key) =>
        string.Join("_", key.Elements.Select(e => e.Name + "_" + Format(e.Value)));

    private static string Format(BsonValue value) => value.BsonType switch
    {
        BsonType.Int32 => value.AsInt32.ToString(CultureInfo.InvariantCulture),
        BsonType.Int64 => value.AsInt64.ToString(CultureInfo.InvariantCulture),
        BsonType.Double => value.AsDouble.ToString("R", CultureInfo.InvariantCulture),
        BsonType.String => value.AsString,
        _ => value.ToString()!,
    };
}

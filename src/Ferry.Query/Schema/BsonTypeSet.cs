using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Query.Schema;

/// <summary>
/// The allowed types of a <c>bsonType</c> or <c>type</c> keyword. <c>bsonType</c> takes MongoDB's aliases
/// ("string", "int", "long", "double", "decimal", "number", "objectId", "date", …); <c>type</c> takes JSON Schema's
/// ("object", "array", "number", "boolean", "string", "null").
/// </summary>
internal sealed class BsonTypeSet
{
    private static readonly Dictionary<string, BsonType[]> BsonAliases =
        BsonTypeNames.ByAlias.ToDictionary(p => p.Key, p => new[] { p.Value }).Append(new KeyValuePair<string, BsonType[]>("number", [BsonType.Int32, BsonType.Int64, BsonType.Double, BsonType.Decimal128])).ToDictionary(StringComparer.Ordinal);

    private static readonly Dictionary<string, BsonType[]> JsonAliases = new()
    {
        ["object"] = [BsonType.Document],
        ["array"] = [BsonType.Array],
        ["number"] = [BsonType.Int32, BsonType.Int64, BsonType.Double, BsonType.Decimal128],
        ["boolean"] = [BsonType.Boolean],
        ["string"] = [BsonType.String],
        ["null"] = [BsonType.Null],
    };

    private readonly HashSet<BsonType> _types;
    private readonly string _description;

    private BsonTypeSet(HashSet<BsonType> types, string description)
    {
        _types = types;
        _description = description;
    }

    public static BsonTypeSet Parse(BsonValue value, string keyword, bool bsonAliases)
    {
        var aliases = bsonAliases ? BsonAliases : JsonAliases;
        var names = value switch
        {
            BsonString s => [s.Value],
            BsonArray a when a.Count > 0 && a.All(v => v.IsString) => a.Select(v => v.AsString).ToList(),
            _ => throw ErrorCodes.Type($"$jsonSchema keyword '{keyword}' must be either a string or an array of strings"),
        };

        var types = new HashSet<BsonType>();
        foreach (var name in names)
        {
            if (!aliases.TryGetValue(name, out var mapped))
            {
                throw ErrorCodes.Bad(keyword == "type" && name == "integer"
                    ? "$jsonSchema type 'integer' is not currently supported."
                    : $"Unknown type name alias: {name}");
            }

            types.UnionWith(mapped);
        }

        return new BsonTypeSet(types, string.Join(" or ", names));
    }

    public bool Contains(BsonValue value) => _types.Contains(value.BsonType);

    public override string ToString() => _description;

    public static string NameOf(BsonValue value) => BsonTypeNames.NameOf(value.BsonType) ?? value.BsonType.ToString();
}

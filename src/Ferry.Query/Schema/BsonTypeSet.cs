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
    private static readonly Dictionary<string, BsonType[]> BsonAliases = new()
    {
        ["double"] = [BsonType.Double],
        ["string"] = [BsonType.String],
        ["object"] = [BsonType.Document],
        ["array"] = [BsonType.Array],
        ["binData"] = [BsonType.Binary],
        ["undefined"] = [BsonType.Undefined],
        ["objectId"] = [BsonType.ObjectId],
        ["bool"] = [BsonType.Boolean],
        ["date"] = [BsonType.DateTime],
        ["null"] = [BsonType.Null],
        ["regex"] = [BsonType.RegularExpression],
        ["javascript"] = [BsonType.JavaScript],
        ["symbol"] = [BsonType.Symbol],
        ["javascriptWithScope"] = [BsonType.JavaScriptWithScope],
        ["int"] = [BsonType.Int32],
        ["timestamp"] = [BsonType.Timestamp],
        ["long"] = [BsonType.Int64],
        ["decimal"] = [BsonType.Decimal128],
        ["minKey"] = [BsonType.MinKey],
        ["maxKey"] = [BsonType.MaxKey],
        ["number"] = [BsonType.Int32, BsonType.Int64, BsonType.Double, BsonType.Decimal128],
    };

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

    public static string NameOf(BsonValue value) =>
        BsonAliases.FirstOrDefault(p => p.Value.Length == 1 && p.Value[0] == value.BsonType).Key ?? value.BsonType.ToString();
}

using Ferry.Core.Yaml;
using Ferry.Query.Common;
using Ferry.Query.Schema;
using MongoDB.Bson;
using YamlDotNet.RepresentationModel;

namespace Ferry.Core.Validation.Rules.Checks;

/// <summary><c>type: string</c> or <c>type: [int, long]</c>: the value has one of MongoDB's BSON type aliases (<c>number</c> = any number).</summary>
internal sealed class TypeCheck() : FieldCheck("type")
{
    private protected override string ExpectedArgument =>
        "a BSON type name (string, int, long, double, decimal, number, bool, date, objectId, object, array, null, …) or a list of them";

    public override Func<BsonValue, string?> Compile(BsonValue argument, TimeProvider time)
    {
        var types = argument.AsBsonArray.Select(v => v.AsString).ToHashSet();
        return value => types.Contains(Alias(value)) || (types.Contains("number") && BsonTypeOrder.IsNumber(value))
            ? null
            : $"type is {Alias(value)}, expected {string.Join(" or ", types)}";
    }

    private protected override BsonValue? Argument(BsonValue value, YamlNode node, string file)
    {
        var names = value.IsString ? [value.AsString] : value is BsonArray a && a.All(v => v.IsString) ? a.Select(v => v.AsString).ToList() : null;
        if (names is null)
        {
            return null;
        }

        try
        {
            // Reuse the $jsonSchema type table so the names are exactly MongoDB's aliases.
            JsonSchemaValidator.Compile(new BsonDocument("bsonType", new BsonArray(names)));
        }
        catch (MqlException e)
        {
            throw YamlFile.Error(file, node, e.Message);
        }

        return new BsonArray(names);
    }

    /// <summary>MongoDB's $type alias of a value.</summary>
    private static string Alias(BsonValue value) => BsonTypeNames.NameOf(value.BsonType) ?? value.BsonType.ToString();
}

using Ferry.Core.Yaml;
using Ferry.Query.Common;
using Ferry.Query.Schema;
using YamlDotNet.RepresentationModel;

namespace Ferry.Core.Validation.Rules;

/// <summary>Reads a collection's <c>json_schema:</c> (bare, or wrapped in <c>$jsonSchema</c>), compiled as MongoDB would.</summary>
internal static class JsonSchemaRuleParser
{
    public static JsonSchemaRule Parse(string collection, YamlNode node, string file)
    {
        var schema = YamlBson.ToDocument(node, file);
        if (schema.ElementCount == 1 && schema.Contains("$jsonSchema"))
        {
            schema = schema["$jsonSchema"].AsBsonDocument;
        }

        try
        {
            return new JsonSchemaRule(collection, schema, JsonSchemaValidator.Compile(schema), YamlFile.Where(file, node));
        }
        catch (MqlException e)
        {
            throw YamlFile.Error(file, node, $"invalid $jsonSchema: {e.Message}");
        }
    }
}

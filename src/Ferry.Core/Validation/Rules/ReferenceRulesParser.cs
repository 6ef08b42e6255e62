using Ferry.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace Ferry.Core.Validation.Rules;

/// <summary>Reads a collection's <c>references:</c>: a list of <c>{ field, to: collection.field, allow_null }</c>.</summary>
internal static class ReferenceRulesParser
{
    public static List<ReferenceRule> Parse(string collection, YamlNode node, string file) =>
        YamlValues.Items(node, file, "a list of { field, to: collection.field, allow_null } references", item => Reference(collection, item, file));

    private static ReferenceRule Reference(string collection, YamlNode item, string file)
    {
        var spec = item is YamlMappingNode map ? YamlBson.ToDocument(map, file) : throw YamlBson.Expected(file, item, "{ field: user_id, to: users._id }");
        var unknown = spec.Names.FirstOrDefault(n => n is not ("field" or "to" or "allow_null"));
        if (unknown is not null)
        {
            throw YamlFile.Error(file, item, $"unknown key '{unknown}' in a reference; expected field, to, allow_null");
        }

        if (!spec.TryGetValue("field", out var field) || !field.IsString || !spec.TryGetValue("to", out var to) || !to.IsString)
        {
            throw YamlBson.Expected(file, item, "'field' and 'to' (as collection.field, e.g. users._id)");
        }

        var dot = to.AsString.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == to.AsString.Length - 1)
        {
            throw YamlFile.Error(file, item, $"'to: {to.AsString}' must be collection.field, e.g. users._id");
        }

        return new ReferenceRule(collection, field.AsString, to.AsString[..dot], to.AsString[(dot + 1)..], spec.GetValue("allow_null", false).ToBoolean(), YamlFile.Where(file, item));
    }
}

using Ferry.Core.Yaml;
using MongoDB.Bson;
using YamlDotNet.RepresentationModel;

namespace Ferry.Core.Validation.Rules;

/// <summary>Reads a collection's <c>unique:</c>: a field, a list of fields, or <c>{ fields, ignore_case }</c> per key.</summary>
internal static class UniqueRulesParser
{
    public static List<UniqueRule> Parse(string collection, YamlNode node, string file) =>
        YamlValues.Items(node, file, "a list of unique keys, e.g. [ email ] or [ { fields: [email], ignore_case: true } ]", item => Key(collection, item, file));

    private static UniqueRule Key(string collection, YamlNode item, string file)
    {
        switch (item)
        {
            case YamlScalarNode s:
                return new UniqueRule(collection, [s.Value ?? string.Empty], false, YamlFile.Where(file, s));
            case YamlSequenceNode fields:
                return new UniqueRule(collection, YamlValues.StringList(fields, file, "field names"), false, YamlFile.Where(file, fields));
            case YamlMappingNode map:
                var spec = YamlBson.ToDocument(map, file);
                var unknown = spec.Names.FirstOrDefault(n => n is not ("fields" or "ignore_case"));
                if (unknown is not null || !spec.Contains("fields"))
                {
                    throw YamlFile.Error(file, map, "expected { fields: [..], ignore_case: true|false }");
                }

                var names = spec["fields"] is BsonArray a ? a.Select(v => v.ToString()!).ToList() : [spec["fields"].ToString()!];
                return new UniqueRule(collection, names, spec.GetValue("ignore_case", false).ToBoolean(), YamlFile.Where(file, map));
            default:
                throw YamlBson.Expected(file, item, "a field name, a list of field names, or { fields, ignore_case }");
        }
    }
}

using Ferry.Core.Yaml;
using MongoDB.Bson;
using YamlDotNet.RepresentationModel;

namespace Ferry.Core.Validation.Rules;

/// <summary>
/// Reads a collection's <c>fields:</c> (and a transform mapping's <c>validate:</c>): field → { check: argument, … },
/// each check one of <see cref="FieldCheck.All"/>.
/// </summary>
internal static class FieldRulesParser
{
    public static List<FieldRule> Parse(string collection, YamlNode node, string file) =>
        YamlValues.Entries(node, file, "a mapping of field name → checks", (key, checks) => Checks(collection, YamlBson.Text(key, file, "a field name"), checks, file))
            .SelectMany(rules => rules)
            .ToList();

    private static List<FieldRule> Checks(string collection, string field, YamlNode node, string file)
    {
        if (node is not YamlMappingNode checks)
        {
            throw YamlBson.Expected(file, node, $"the checks of '{collection}.{field}' as a mapping, e.g. {{ required: true, type: string }}");
        }

        var result = new List<FieldRule>();
        foreach (var (checkKey, argumentNode) in checks.Children)
        {
            var check = Named(YamlBson.Text(checkKey, file, "a check name"), checkKey, $"{collection}.{field}", file);
            var argument = check.ReadArgument(argumentNode, file);
            if (argument is BsonBoolean { Value: false })
            {
                continue; // "required: false" and friends switch a check off.
            }

            result.Add(new FieldRule(collection, field, check, YamlFile.Where(file, checkKey)) { Argument = argument });
        }

        return result;
    }

    private static FieldCheck Named(string name, YamlNode key, string field, string file) =>
        FieldCheck.All.FirstOrDefault(c => c.Name == name)
        ?? throw YamlFile.Error(file, key, $"unknown rule '{name}' for {field}; expected one of: {string.Join(", ", FieldCheck.All.Select(c => c.Name))}, unique");
}

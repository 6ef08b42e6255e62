using Ferry.Core.Yaml;
using MongoDB.Bson;
using YamlDotNet.RepresentationModel;

namespace Ferry.Core.Validation.Rules;

/// <summary>Reads a collection's <c>rules:</c>: a list of <c>{ name, filter }</c>, each filter checked as MongoDB would.</summary>
internal static class PredicateRulesParser
{
    public static List<PredicateRule> Parse(string collection, YamlNode node, string file) =>
        YamlValues.Items(node, file, "a list of { name, filter } rules", item => Predicate(collection, item, file));

    private static PredicateRule Predicate(string collection, YamlNode item, string file)
    {
        string? name = null;
        BsonDocument? filter = null;
        var keys = new YamlKeyTable(file)
        {
            { "name", v => name = YamlBson.Text(v, file, "a rule name") },
            { "filter", v => filter = YamlValues.Filter(v, file) },
        };
        keys.Read(item, "{ name: NAME, filter: { MongoDB filter } }", key => $"unknown key '{key}'; expected name and filter");
        return name is null || filter is null
            ? throw YamlBson.Expected(file, item, "both 'name' and 'filter'")
            : new PredicateRule(collection, name, filter, YamlFile.Where(file, item));
    }
}

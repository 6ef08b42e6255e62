using Ferry.Core.Errors;
using Ferry.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace Ferry.Core.Validation.Rules;

/// <summary>
/// Reads a validation rules file (YAML; format in docs/validation.md). Every mistake — an unknown rule, a bad regex,
/// a filter MongoDB would reject — is a <see cref="UserInputException"/> naming FILE:LINE:COLUMN. Each section of a
/// collection has its own reader (<see cref="FieldRulesParser"/>, <see cref="UniqueRulesParser"/>, …).
/// </summary>
public static class RuleSetParser
{
    public static RuleSet Load(string path) => Parse(YamlFile.LoadMapping(path), path);

    public static RuleSet Parse(string yaml, string fileName) => Parse(YamlFile.ParseMapping(yaml, fileName), fileName);

    private static RuleSet Parse(YamlMappingNode root, string file)
    {
        YamlNode? collectionsNode = null;
        var sections = new YamlKeyTable(file)
        {
            { "collections", node => collectionsNode = node },
            { "version", _ => { } },
            { "description", _ => { } },
        };
        sections.Read(root, key => $"unknown key '{key}'; expected 'collections' (and optionally 'version', 'description')");

        if (collectionsNode is not YamlMappingNode collections)
        {
            throw YamlFile.Error(file, collectionsNode ?? root, "expected 'collections:' with one entry per collection");
        }

        var result = collections.Children.Select(c => ParseCollection(YamlBson.Text(c.Key, file, "a collection name"), c.Key, c.Value, file)).ToList();
        return new RuleSet(file, result);
    }

    private static CollectionRules ParseCollection(string collection, YamlNode key, YamlNode node, string file)
    {
        var rules = new CollectionRules(collection, YamlFile.Where(file, key));
        var sections = new YamlKeyTable(file)
        {
            { "fields", v => rules = rules with { Fields = FieldRulesParser.Parse(collection, v, file) } },
            { "unique", v => rules = rules with { Unique = UniqueRulesParser.Parse(collection, v, file) } },
            { "rules", v => rules = rules with { Predicates = PredicateRulesParser.Parse(collection, v, file) } },
            { "references", v => rules = rules with { References = ReferenceRulesParser.Parse(collection, v, file) } },
            { "complete", v => rules = rules with { Complete = YamlValues.StringList(v, file, "a list of field names") } },
            { "json_schema", v => rules = rules with { JsonSchema = JsonSchemaRuleParser.Parse(collection, v, file) } },
        };
        sections.Read(node, $"the rules of '{collection}' as a mapping with any of: {sections.Names}", sections.UnknownFor($"collection '{collection}'"));
        return rules;
    }
}

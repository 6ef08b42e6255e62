using System.Text.RegularExpressions;
using Ferry.Core.Errors;
using Ferry.Core.Yaml;
using Ferry.Query.Common;
using Ferry.Query.Filters;
using Ferry.Query.Schema;
using MongoDB.Bson;
using YamlDotNet.RepresentationModel;

namespace Ferry.Core.Validation.Rules;

/// <summary>
/// Reads a validation rules file (YAML; format in docs/validation.md). Every mistake — an unknown rule, a bad regex,
/// a filter MongoDB would reject — is a <see cref="UserInputException"/> naming FILE:LINE:COLUMN.
/// </summary>
public static class RuleSetParser
{
    private static readonly string[] CollectionKeys = ["fields", "unique", "rules", "references", "complete", "json_schema"];

    private static readonly Dictionary<string, FieldCheck> FieldKeys = new()
    {
        ["required"] = FieldCheck.Required,
        ["type"] = FieldCheck.Type,
        ["not_blank"] = FieldCheck.NotBlank,
        ["min_length"] = FieldCheck.MinLength,
        ["max_length"] = FieldCheck.MaxLength,
        ["pattern"] = FieldCheck.Pattern,
        ["enum"] = FieldCheck.Enum,
        ["min"] = FieldCheck.Min,
        ["max"] = FieldCheck.Max,
        ["not_in_future"] = FieldCheck.NotInFuture,
        ["lowercase"] = FieldCheck.Lowercase,
    };

    public static RuleSet Load(string path) => Parse(YamlFile.LoadMapping(path), path);

    public static RuleSet Parse(string yaml, string fileName) => Parse(YamlFile.ParseMapping(yaml, fileName), fileName);

    private static RuleSet Parse(YamlMappingNode root, string file)
    {
        YamlNode? collectionsNode = null;
        foreach (var (key, value) in root.Children)
        {
            var name = YamlBson.Text(key, file, "a key");
            if (name == "collections")
            {
                collectionsNode = value;
            }
            else if (name != "version" && name != "description")
            {
                throw YamlFile.Error(file, key, $"unknown key '{name}'; expected 'collections' (and optionally 'version', 'description')");
            }
        }

        if (collectionsNode is not YamlMappingNode collections)
        {
            throw YamlFile.Error(file, collectionsNode ?? root, "expected 'collections:' with one entry per collection");
        }

        var result = new List<CollectionRules>();
        foreach (var (key, value) in collections.Children)
        {
            result.Add(ParseCollection(YamlBson.Text(key, file, "a collection name"), key, value, file));
        }

        return new RuleSet(file, result);
    }

    private static CollectionRules ParseCollection(string collection, YamlNode key, YamlNode node, string file)
    {
        if (node is not YamlMappingNode map)
        {
            throw YamlFile.Error(file, node, $"expected the rules of '{collection}' as a mapping with any of: {string.Join(", ", CollectionKeys)}");
        }

        var rules = new CollectionRules(collection, YamlFile.Where(file, key));
        foreach (var (k, v) in map.Children)
        {
            var name = YamlBson.Text(k, file, "a key");
            rules = name switch
            {
                "fields" => rules with { Fields = ParseFields(collection, v, file) },
                "unique" => rules with { Unique = ParseUnique(collection, v, file) },
                "rules" => rules with { Predicates = ParsePredicates(collection, v, file) },
                "references" => rules with { References = ParseReferences(collection, v, file) },
                "complete" => rules with { Complete = StringList(v, file, "a list of field names") },
                "json_schema" => rules with { JsonSchema = ParseSchema(collection, v, file) },
                _ => throw YamlFile.Error(file, k, $"unknown key '{name}' for collection '{collection}'; expected one of: {string.Join(", ", CollectionKeys)}"),
            };
        }

        return rules;
    }

    internal static List<FieldRule> ParseFields(string collection, YamlNode node, string file)
    {
        if (node is not YamlMappingNode fields)
        {
            throw YamlBson.Expected(file, node, "a mapping of field name → checks");
        }

        var result = new List<FieldRule>();
        foreach (var (fieldKey, checksNode) in fields.Children)
        {
            var field = YamlBson.Text(fieldKey, file, "a field name");
            if (checksNode is not YamlMappingNode checks)
            {
                throw YamlBson.Expected(file, checksNode, $"the checks of '{collection}.{field}' as a mapping, e.g. {{ required: true, type: string }}");
            }

            foreach (var (checkKey, argNode) in checks.Children)
            {
                var checkName = YamlBson.Text(checkKey, file, "a check name");
                if (!FieldKeys.TryGetValue(checkName, out var check))
                {
                    throw YamlFile.Error(file, checkKey, $"unknown rule '{checkName}' for {collection}.{field}; expected one of: {string.Join(", ", FieldKeys.Keys)}, unique");
                }

                var rule = new FieldRule(collection, field, check, YamlFile.Where(file, checkKey)) { Argument = FieldArgument(check, argNode, file) };
                if (rule.Argument is BsonBoolean { Value: false })
                {
                    continue; // "required: false" and friends switch a check off.
                }

                result.Add(rule);
            }
        }

        return result;
    }

    private static BsonValue FieldArgument(FieldCheck check, YamlNode node, string file)
    {
        var value = YamlBson.ToBson(node, file);
        switch (check)
        {
            case FieldCheck.Required or FieldCheck.NotBlank or FieldCheck.Lowercase:
                return value.IsBoolean ? value : throw YamlBson.Expected(file, node, "true or false");
            case FieldCheck.Type:
                var names = value.IsString ? [value.AsString] : value is BsonArray a && a.All(v => v.IsString) ? a.Select(v => v.AsString).ToList() : null;
                if (names is null)
                {
                    throw YamlBson.Expected(file, node, "a BSON type name (string, int, long, double, decimal, number, bool, date, objectId, object, array, null, …) or a list of them");
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
            case FieldCheck.MinLength or FieldCheck.MaxLength:
                return value is BsonInt32 { Value: >= 0 } ? value : throw YamlBson.Expected(file, node, "a non-negative integer length");
            case FieldCheck.Pattern:
                if (!value.IsString)
                {
                    throw YamlBson.Expected(file, node, "a regular expression string");
                }

                try
                {
                    _ = new Regex(value.AsString, RegexOptions.CultureInvariant);
                }
                catch (ArgumentException e)
                {
                    throw YamlFile.Error(file, node, $"bad regular expression /{value.AsString}/: {e.Message}");
                }

                return value;
            case FieldCheck.Enum:
                return value is BsonArray { Count: > 0 } ? value : throw YamlBson.Expected(file, node, "a non-empty list of allowed values");
            case FieldCheck.Min or FieldCheck.Max:
                return value.IsNumeric || value.IsString ? value : throw YamlBson.Expected(file, node, "a number (or a string/date bound as Extended JSON)");
            case FieldCheck.NotInFuture:
                if (value is BsonBoolean b)
                {
                    return b.Value ? new BsonInt64(0) : value;
                }

                return DurationParser.TryParse(YamlBson.Text(node, file, "true or a tolerance"), out var tolerance)
                    ? new BsonInt64((long)tolerance.TotalMilliseconds)
                    : throw YamlBson.Expected(file, node, "true or a tolerance such as 30s, 5m, 2h, 1d");
            default:
                return value;
        }
    }

    private static List<UniqueRule> ParseUnique(string collection, YamlNode node, string file)
    {
        if (node is not YamlSequenceNode seq)
        {
            throw YamlBson.Expected(file, node, "a list of unique keys, e.g. [ email ] or [ { fields: [email], ignore_case: true } ]");
        }

        var result = new List<UniqueRule>();
        foreach (var item in seq.Children)
        {
            switch (item)
            {
                case YamlScalarNode s:
                    result.Add(new UniqueRule(collection, [s.Value ?? string.Empty], false, YamlFile.Where(file, s)));
                    break;
                case YamlSequenceNode fields:
                    result.Add(new UniqueRule(collection, StringList(fields, file, "field names"), false, YamlFile.Where(file, fields)));
                    break;
                case YamlMappingNode map:
                    var spec = YamlBson.ToDocument(map, file);
                    var unknown = spec.Names.FirstOrDefault(n => n is not ("fields" or "ignore_case"));
                    if (unknown is not null || !spec.Contains("fields"))
                    {
                        throw YamlFile.Error(file, map, "expected { fields: [..], ignore_case: true|false }");
                    }

                    var names = spec["fields"] is BsonArray a ? a.Select(v => v.ToString()!).ToList() : [spec["fields"].ToString()!];
                    result.Add(new UniqueRule(collection, names, spec.GetValue("ignore_case", false).ToBoolean(), YamlFile.Where(file, map)));
                    break;
                default:
                    throw YamlBson.Expected(file, item, "a field name, a list of field names, or { fields, ignore_case }");
            }
        }

        return result;
    }

    private static List<PredicateRule> ParsePredicates(string collection, YamlNode node, string file)
    {
        if (node is not YamlSequenceNode seq)
        {
            throw YamlBson.Expected(file, node, "a list of { name, filter } rules");
        }

        var result = new List<PredicateRule>();
        foreach (var item in seq.Children)
        {
            if (item is not YamlMappingNode map)
            {
                throw YamlBson.Expected(file, item, "{ name: NAME, filter: { MongoDB filter } }");
            }

            string? name = null;
            BsonDocument? filter = null;
            foreach (var (k, v) in map.Children)
            {
                switch (YamlBson.Text(k, file, "a key"))
                {
                    case "name":
                        name = YamlBson.Text(v, file, "a rule name");
                        break;
                    case "filter":
                        filter = YamlBson.ToDocument(v, file);
                        try
                        {
                            FilterMatcher.Compile(filter);
                        }
                        catch (MqlException e)
                        {
                            throw YamlFile.Error(file, v, $"invalid MongoDB filter: {e.Message}");
                        }

                        break;
                    default:
                        throw YamlFile.Error(file, k, $"unknown key '{(k as YamlScalarNode)?.Value ?? "(a list or mapping)"}'; expected name and filter");
                }
            }

            if (name is null || filter is null)
            {
                throw YamlBson.Expected(file, map, "both 'name' and 'filter'");
            }

            result.Add(new PredicateRule(collection, name, filter, YamlFile.Where(file, map)));
        }

        return result;
    }

    private static List<ReferenceRule> ParseReferences(string collection, YamlNode node, string file)
    {
        if (node is not YamlSequenceNode seq)
        {
            throw YamlBson.Expected(file, node, "a list of { field, to: collection.field, allow_null } references");
        }

        var result = new List<ReferenceRule>();
        foreach (var item in seq.Children)
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

            result.Add(new ReferenceRule(collection, field.AsString, to.AsString[..dot], to.AsString[(dot + 1)..],
                spec.GetValue("allow_null", false).ToBoolean(), YamlFile.Where(file, item)));
        }

        return result;
    }

    private static JsonSchemaRule ParseSchema(string collection, YamlNode node, string file)
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

    private static List<string> StringList(YamlNode node, string file, string what) =>
        node is YamlSequenceNode seq
            ? seq.Children.Select(c => YamlBson.Text(c, file, what)).ToList()
            : throw YamlBson.Expected(file, node, what);
}

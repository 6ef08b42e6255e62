using System.Security.Cryptography;
using System.Text;
using Ferry.Core.Errors;
using Ferry.Core.Validation.Rules;
using Ferry.Core.Yaml;
using Ferry.Query.Common;
using Ferry.Query.Filters;
using MongoDB.Bson;
using YamlDotNet.RepresentationModel;

namespace Ferry.Core.Transform.Rules;

/// <summary>
/// Reads a transformation rules file (YAML, docs/transform.md). Mistakes are <see cref="UserInputException"/>s naming
/// FILE:LINE:COLUMN; a map_id cycle or a map_id to a collection the file does not produce is an error too.
/// </summary>
public static class TransformRulesParser
{
    private static readonly string[] MappingKeys = ["source", "filter", "id", "fields", "copy_unlisted", "validate"];
    private static readonly string[] FieldKeys = ["from", "value", "now", "default", "apply", "map_id", "drop"];

    public static TransformRules Load(string path)
    {
        var root = YamlFile.LoadMapping(path);
        return Parse(root, path) with { Checksum = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))) };
    }

    public static TransformRules Parse(string yaml, string fileName) =>
        Parse(YamlFile.ParseMapping(yaml, fileName), fileName) with { Checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(yaml))) };

    private static TransformRules Parse(YamlMappingNode root, string file)
    {
        var collections = new List<CollectionMapping>();
        var markers = new Dictionary<string, BsonDocument>();
        var hashing = new PasswordHashing();
        foreach (var (key, value) in root.Children)
        {
            switch (YamlBson.Text(key, file, "a key"))
            {
                case "version" or "description":
                    break;
                case "collections":
                    collections = value is YamlMappingNode map
                        ? map.Children.Select(c => ParseMapping(YamlBson.Text(c.Key, file, "a collection name"), c.Key, c.Value, file)).ToList()
                        : throw YamlBson.Expected(file, value, "a mapping of target collection → rules");
                    break;
                case "demo_markers":
                    if (value is not YamlMappingNode markerMap)
                    {
                        throw YamlBson.Expected(file, value, "a mapping of collection → MongoDB filter");
                    }

                    foreach (var (c, f) in markerMap.Children)
                    {
                        markers[YamlBson.Text(c, file, "a collection name")] = Filter(f, file);
                    }

                    break;
                case "password_hashing":
                    hashing = ParseHashing(value, file);
                    break;
                default:
                    throw YamlFile.Error(file, key, $"unknown key '{(key as YamlScalarNode)?.Value ?? "(a list or mapping)"}'; expected collections, demo_markers, password_hashing, version, description");
            }
        }

        if (collections.Count == 0)
        {
            throw YamlFile.Error(file, root, "expected 'collections:' with at least one target collection");
        }

        var ordered = DependencyOrder.Sort(collections);
        return new TransformRules(file, ordered, hashing) { DemoMarkers = markers };
    }

    private static CollectionMapping ParseMapping(string target, YamlNode key, YamlNode node, string file)
    {
        if (node is not YamlMappingNode map)
        {
            throw YamlBson.Expected(file, node, $"the rules of '{target}' as a mapping with any of: {string.Join(", ", MappingKeys)}");
        }

        var mapping = new CollectionMapping(target, target, YamlFile.Where(file, key));
        foreach (var (k, v) in map.Children)
        {
            var name = YamlBson.Text(k, file, "a key");
            mapping = name switch
            {
                "source" => mapping with { SourceCollection = YamlBson.Text(v, file, "a source collection name") },
                "filter" => mapping with { Filter = Filter(v, file) },
                "id" => mapping with
                {
                    Ids = YamlBson.Text(v, file, "keep or new") switch
                    {
                        "keep" => IdStrategy.Keep,
                        "new" => IdStrategy.New,
                        _ => throw YamlBson.Expected(file, v, "'keep' (the source _id) or 'new' (new ids, recorded in the id map)"),
                    },
                },
                "fields" => mapping with { Fields = ParseFields(target, v, file) },
                "copy_unlisted" => mapping with { CopyUnlisted = YamlBson.ToBson(v, file) is BsonBoolean b ? b.Value : throw YamlBson.Expected(file, v, "true or false") },
                "validate" => mapping with { Validate = RuleSetParser.ParseFields(target, v, file) },
                _ => throw YamlFile.Error(file, k, $"unknown key '{name}' for '{target}'; expected one of: {string.Join(", ", MappingKeys)}"),
            };
        }

        return mapping;
    }

    private static List<FieldMapping> ParseFields(string target, YamlNode node, string file)
    {
        if (node is not YamlMappingNode map)
        {
            throw YamlBson.Expected(file, node, "a mapping of target field → source ($field, a constant, or { from, default, apply, map_id, … })");
        }

        var result = new List<FieldMapping>();
        foreach (var (k, v) in map.Children)
        {
            var field = YamlBson.Text(k, file, "a target field name");
            if (field.Length == 0 || field.StartsWith('$') || field.Split('.').Any(p => p.Length == 0))
            {
                throw YamlFile.Error(file, k, $"'{field}' is not a valid field path");
            }

            result.Add(ParseField(target, field, v, file));
        }

        var duplicates = result.GroupBy(f => f.Target).FirstOrDefault(g => g.Count() > 1);
        return duplicates is null ? result : throw YamlFile.Error(file, node, $"field '{duplicates.Key}' of '{target}' is mapped twice");
    }

    private static FieldMapping ParseField(string target, string field, YamlNode node, string file)
    {
        var location = YamlFile.Where(file, node);
        if (node is YamlScalarNode scalar && YamlBson.ToBson(scalar, file) is var scalarValue)
        {
            return scalarValue is BsonString { Value: var s } && s.StartsWith('$') && !s.StartsWith("$$", StringComparison.Ordinal)
                ? new FieldMapping(field, location) { From = s[1..] }
                : new FieldMapping(field, location) { Constant = scalarValue };
        }

        if (node is not YamlMappingNode spec)
        {
            throw YamlBson.Expected(file, node, $"the source of {target}.{field}: $field, a constant, or {{ from, value, now, default, apply, map_id, drop }}");
        }

        var mapping = new FieldMapping(field, location);
        foreach (var (k, v) in spec.Children)
        {
            var name = YamlBson.Text(k, file, "a key");
            mapping = name switch
            {
                "from" => mapping with { From = YamlBson.Text(v, file, "a source field path").TrimStart('$') },
                "value" => mapping with { Constant = YamlBson.ToBson(v, file) },
                "now" => mapping with { Now = YamlBson.ToBson(v, file) is BsonBoolean { Value: true } ? true : throw YamlBson.Expected(file, v, "true") },
                "default" => YamlBson.ToBson(v, file) is BsonString { Value: "now" or "$$NOW" } && v is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain }
                    ? mapping with { DefaultIsNow = true }
                    : mapping with { Default = YamlBson.ToBson(v, file) },
                "apply" => mapping with { Apply = ParseFunctions(v, file) },
                "map_id" => mapping with { MapIdThrough = YamlBson.Text(v, file, "the collection whose id map re-points this field") },
                "drop" => mapping with { Drop = YamlBson.ToBson(v, file) is BsonBoolean { Value: true } ? true : throw YamlBson.Expected(file, v, "true") },
                _ => throw YamlFile.Error(file, k, $"unknown key '{name}' for {target}.{field}; expected one of: {string.Join(", ", FieldKeys)}"),
            };
        }

        var sources = (mapping.From is null ? 0 : 1) + (mapping.Constant is null ? 0 : 1) + (mapping.Now ? 1 : 0);
        if (sources != 1 && !mapping.Drop)
        {
            throw YamlFile.Error(file, node, $"{target}.{field} needs exactly one of from, value, now");
        }

        if (mapping.Drop && (mapping.From is null || sources != 1))
        {
            throw YamlFile.Error(file, node, $"{target}.{field}: drop takes the source field in 'from' and nothing else");
        }

        return mapping;
    }

    private static List<ValueFunction> ParseFunctions(YamlNode node, string file)
    {
        var names = node is YamlSequenceNode seq ? seq.Children.ToList() : [node];
        return names.Select(n => YamlBson.Text(n, file, "a function name") switch
        {
            "lower" => ValueFunction.Lower,
            "upper" => ValueFunction.Upper,
            "trim" => ValueFunction.Trim,
            "hash_password" => ValueFunction.HashPassword,
            var other => throw YamlFile.Error(file, n, $"unknown function '{other}'; expected lower, upper, trim, hash_password"),
        }).ToList();
    }

    private static PasswordHashing ParseHashing(YamlNode node, string file)
    {
        var spec = YamlBson.ToDocument(node, file);
        var algorithm = spec.GetValue("algorithm", "bcrypt").ToString()!;
        if (algorithm is not ("bcrypt" or "argon2id"))
        {
            throw YamlFile.Error(file, node, $"password_hashing.algorithm '{algorithm}': expected bcrypt or argon2id");
        }

        var cost = spec.GetValue("cost", algorithm == "bcrypt" ? 10 : 3).ToInt32();
        if (algorithm == "bcrypt" && cost is < 4 or > 31)
        {
            throw YamlFile.Error(file, node, $"password_hashing.cost {cost}: bcrypt takes 4 to 31");
        }

        return new PasswordHashing(algorithm, cost)
        {
            Argon2MemoryKiB = spec.GetValue("memory_kib", 65536).ToInt32(),
            Argon2Iterations = algorithm == "argon2id" ? cost : 3,
        };
    }

    private static BsonDocument Filter(YamlNode node, string file)
    {
        var filter = YamlBson.ToDocument(node, file);
        try
        {
            FilterMatcher.Compile(filter);
            return filter;
        }
        catch (MqlException e)
        {
            throw YamlFile.Error(file, node, $"invalid MongoDB filter: {e.Message}");
        }
    }
}

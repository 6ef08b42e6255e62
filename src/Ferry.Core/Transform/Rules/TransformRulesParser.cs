using System.Security.Cryptography;
using System.Text;
using Ferry.Core.Errors;
using Ferry.Core.Validation.Rules;
using Ferry.Core.Yaml;
using MongoDB.Bson;
using YamlDotNet.RepresentationModel;

namespace Ferry.Core.Transform.Rules;

/// <summary>
/// Reads a transformation rules file (YAML, docs/transform.md). Mistakes are <see cref="UserInputException"/>s naming
/// FILE:LINE:COLUMN; a map_id cycle or a map_id to a collection the file does not produce is an error too.
/// </summary>
public static class TransformRulesParser
{
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
        var sections = new YamlKeyTable(file)
        {
            {
                "collections", v => collections = YamlValues.Entries(v, file, "a mapping of target collection → rules",
                    (key, rules) => ParseMapping(YamlBson.Text(key, file, "a collection name"), key, rules, file))
            },
            { "demo_markers", v => markers = ParseMarkers(v, file) },
            { "password_hashing", v => hashing = ParseHashing(v, file) },
            { "version", _ => { } },
            { "description", _ => { } },
        };
        sections.Read(root, key => $"unknown key '{key}'; expected {sections.Names}");

        if (collections.Count == 0)
        {
            throw YamlFile.Error(file, root, "expected 'collections:' with at least one target collection");
        }

        var ordered = DependencyOrder.Sort(collections);
        return new TransformRules(file, ordered, hashing) { DemoMarkers = markers };
    }

    private static Dictionary<string, BsonDocument> ParseMarkers(YamlNode node, string file)
    {
        if (node is not YamlMappingNode map)
        {
            throw YamlBson.Expected(file, node, "a mapping of collection → MongoDB filter");
        }

        var markers = new Dictionary<string, BsonDocument>();
        foreach (var (collection, filter) in map.Children)
        {
            markers[YamlBson.Text(collection, file, "a collection name")] = YamlValues.Filter(filter, file);
        }

        return markers;
    }

    private static CollectionMapping ParseMapping(string target, YamlNode key, YamlNode node, string file)
    {
        var mapping = new CollectionMapping(target, target, YamlFile.Where(file, key));
        var keys = new YamlKeyTable(file)
        {
            { "source", v => mapping = mapping with { SourceCollection = YamlBson.Text(v, file, "a source collection name") } },
            { "filter", v => mapping = mapping with { Filter = YamlValues.Filter(v, file) } },
            { "id", v => mapping = mapping with { Ids = ParseIds(v, file) } },
            { "fields", v => mapping = mapping with { Fields = ParseFields(target, v, file) } },
            { "copy_unlisted", v => mapping = mapping with { CopyUnlisted = YamlBson.ToBson(v, file) is BsonBoolean b ? b.Value : throw YamlBson.Expected(file, v, "true or false") } },
            { "validate", v => mapping = mapping with { Validate = FieldRulesParser.Parse(target, v, file) } },
        };
        keys.Read(node, $"the rules of '{target}' as a mapping with any of: {keys.Names}", keys.UnknownFor($"'{target}'"));
        return mapping;
    }

    private static IdStrategy ParseIds(YamlNode node, string file) => YamlBson.Text(node, file, "keep or new") switch
    {
        "keep" => IdStrategy.Keep,
        "new" => IdStrategy.New,
        _ => throw YamlBson.Expected(file, node, "'keep' (the source _id) or 'new' (new ids, recorded in the id map)"),
    };

    private static List<FieldMapping> ParseFields(string target, YamlNode node, string file)
    {
        var result = YamlValues.Entries(node, file, "a mapping of target field → source ($field, a constant, or { from, default, apply, map_id, … })", (key, source) =>
        {
            var field = YamlBson.Text(key, file, "a target field name");
            return field.Length == 0 || field.StartsWith('$') || field.Split('.').Any(p => p.Length == 0)
                ? throw YamlFile.Error(file, key, $"'{field}' is not a valid field path")
                : ParseField(target, field, source, file);
        });

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

        var mapping = new FieldMapping(field, location);
        var keys = new YamlKeyTable(file)
        {
            { "from", v => mapping = mapping with { From = YamlBson.Text(v, file, "a source field path").TrimStart('$') } },
            { "value", v => mapping = mapping with { Constant = YamlBson.ToBson(v, file) } },
            { "now", v => mapping = mapping with { Now = True(v, file) } },
            {
                "default", v => mapping = YamlBson.ToBson(v, file) is BsonString { Value: "now" or "$$NOW" } && v is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain }
                    ? mapping with { DefaultIsNow = true }
                    : mapping with { Default = YamlBson.ToBson(v, file) }
            },
            { "apply", v => mapping = mapping with { Apply = ParseFunctions(v, file) } },
            { "map_id", v => mapping = mapping with { MapIdThrough = YamlBson.Text(v, file, "the collection whose id map re-points this field") } },
            { "drop", v => mapping = mapping with { Drop = True(v, file) } },
        };
        keys.Read(node, $"the source of {target}.{field}: $field, a constant, or {{ {keys.Names} }}", keys.UnknownFor($"{target}.{field}"));

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

    /// <summary>A whole-number setting of password_hashing; anything else (text such as "1 10", found by fuzzing, used
    /// to escape as a FormatException) is bad input naming the setting.</summary>
    private static int Whole(BsonDocument spec, string name, int fallback, YamlNode node, string file) => spec.GetValue(name, fallback) switch
    {
        BsonInt32 i => i.Value,
        BsonInt64 l when l.Value is >= int.MinValue and <= int.MaxValue => (int)l.Value,
        var other => throw YamlFile.Error(file, node, $"password_hashing.{name} '{other}': expected a whole number"),
    };

    private static PasswordHashing ParseHashing(YamlNode node, string file)
    {
        var spec = YamlBson.ToDocument(node, file);
        var algorithm = spec.GetValue("algorithm", "bcrypt").ToString()!;
        if (algorithm is not ("bcrypt" or "argon2id"))
        {
            throw YamlFile.Error(file, node, $"password_hashing.algorithm '{algorithm}': expected bcrypt or argon2id");
        }

        var cost = Whole(spec, "cost", algorithm == "bcrypt" ? 10 : 3, node, file);
        if (algorithm == "bcrypt" && cost is < 4 or > 31)
        {
            throw YamlFile.Error(file, node, $"password_hashing.cost {cost}: bcrypt takes 4 to 31");
        }

        return new PasswordHashing(algorithm, cost)
        {
            Argon2MemoryKiB = Whole(spec, "memory_kib", 65536, node, file),
            Argon2Iterations = algorithm == "argon2id" ? cost : 3,
        };
    }

    /// <summary>Options that can only be switched on (<c>now: true</c>, <c>drop: true</c>).</summary>
    private static bool True(YamlNode node, string file) => YamlBson.ToBson(node, file) is BsonBoolean { Value: true } ? true : throw YamlBson.Expected(file, node, "true");
}

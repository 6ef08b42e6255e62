using Ferry.Core.Errors;
using Ferry.Core.Yaml;
using MongoDB.Bson;
using YamlDotNet.RepresentationModel;

namespace Ferry.Core.Indexes;

/// <summary>
/// Reads a declared index set (<c>ferry indexes apply FILE</c>), YAML or JSON (JSON is read as YAML, its superset, so
/// mistakes in either are reported as FILE:LINE:COLUMN):
/// <code>
/// indexes:
///   assessments:
///     - { name: user_created_idx, key: { user_id: 1, created_at: -1 } }
/// </code>
/// Each entry is a createIndexes spec: <c>key</c> (required), <c>name</c> (default MongoDB's generated one), and the
/// options unique, sparse, partialFilterExpression, expireAfterSeconds, collation, hidden. <c>background</c> is
/// accepted and dropped (MongoDB ignores it since 4.2), so the guide's definitions read as they are.
/// </summary>
public static class IndexDeclarationFile
{
    private static readonly HashSet<string> Options = ["key", "name", "unique", "sparse", "partialFilterExpression", "expireAfterSeconds", "collation", "hidden", "background"];

    public static IReadOnlyList<IndexDeclaration> Load(string path) => Parse(YamlFile.LoadMapping(path), path);

    public static IReadOnlyList<IndexDeclaration> Parse(YamlMappingNode root, string fileName)
    {
        var declared = new List<IndexDeclaration>();
        YamlNode? indexes = null;
        foreach (var (keyNode, value) in root.Children)
        {
            var key = YamlBson.Text(keyNode, fileName, "a key");
            if (key == "indexes")
            {
                indexes = value;
            }
            else if (key != "version")
            {
                throw YamlFile.Error(fileName, keyNode, $"unknown key '{key}'; expected one of: version, indexes");
            }
        }

        if (indexes is not YamlMappingNode collections)
        {
            throw YamlFile.Error(fileName, indexes ?? root, "'indexes:' mapping each collection to a list of index specs");
        }

        foreach (var (collectionNode, list) in collections.Children)
        {
            var collection = YamlBson.Text(collectionNode, fileName, "a collection name");
            if (list is not YamlSequenceNode specs)
            {
                throw YamlBson.Expected(fileName, list, $"a list of index specs for {collection}");
            }

            foreach (var specNode in specs.Children)
            {
                declared.Add(new IndexDeclaration(collection, ReadSpec(specNode, fileName, collection)));
            }
        }

        var twice = declared.GroupBy(d => (d.Collection, d.Name)).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw new UserInputException($"{fileName}: index '{twice.Key.Name}' on {twice.Key.Collection} is declared more than once");
        }

        return declared;
    }

    internal static BsonDocument ReadSpec(YamlNode node, string fileName, string collection)
    {
        if (node is not YamlMappingNode)
        {
            throw YamlBson.Expected(fileName, node, $"an index spec for {collection}: {{ key: {{ field: 1 }}, name: … }}");
        }

        var spec = YamlBson.ToDocument(node, fileName);
        if (spec.Names.FirstOrDefault(n => !Options.Contains(n)) is { } unknown)
        {
            throw YamlFile.Error(fileName, node, $"unknown index option '{unknown}'; expected one of: {string.Join(", ", Options)}");
        }

        if (!spec.TryGetValue("key", out var key) || key is not BsonDocument { ElementCount: > 0 } keyDocument)
        {
            throw YamlFile.Error(fileName, node, "'key' is required: the indexed fields and their direction, e.g. key: { user_id: 1, created_at: -1 }");
        }

        foreach (var element in keyDocument)
        {
            if (!(element.Value.IsNumeric && element.Value.ToDouble() != 0) && element.Value is not BsonString)
            {
                throw YamlFile.Error(fileName, node, $"key field '{element.Name}': expected 1, -1 or an index type (text, hashed, 2dsphere), got {element.Value}");
            }
        }

        spec.Remove("background");
        if (!spec.TryGetValue("name", out var name))
        {
            spec["name"] = IndexNaming.Generate(keyDocument);
        }
        else if (name is not BsonString { Value.Length: > 0 })
        {
            throw YamlFile.Error(fileName, node, "'name' must be a non-empty string");
        }

        return spec;
    }
}

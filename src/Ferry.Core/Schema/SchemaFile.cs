using Ferry.Core.Errors;
using Ferry.Core.Indexes;
using Ferry.Core.Yaml;
using MongoDB.Bson;
using YamlDotNet.RepresentationModel;

namespace Ferry.Core.Schema;

/// <summary>
/// Reads a declared schema (YAML; mistakes are FILE:LINE:COLUMN):
/// <code>
/// version: 1
/// collections:
///   users:
///     validator: { $jsonSchema: { bsonType: object, required: [email] } }
///     validation_level: strict          # strict | moderate | off
///     validation_action: error          # error | warn
///     indexes:                          # the whole set (other indexes but _id_ are dropped: --allow-drop)
///       - { name: email_unique, key: { email: 1 }, unique: true, collation: { locale: en, strength: 2 } }
///   configuration:
///     data:                             # reference data, upserted by its key
///       key: [_id]
///       prune: false                    # true: remove documents whose key is not declared (--allow-drop)
///       documents:
///         - { _id: production, environment: production }
///   legacy_sessions:
///     absent: true                      # must not exist (dropping it: --allow-drop)
/// </code>
/// </summary>
public static class SchemaFile
{
    private static readonly string[] CollectionKeys = ["validator", "validation_level", "validation_action", "indexes", "data", "absent"];
    private static readonly string[] Levels = ["strict", "moderate", "off"];
    private static readonly string[] Actions = ["error", "warn"];

    public static SchemaDeclaration Load(string path) => Parse(YamlFile.LoadMapping(path), path);

    public static SchemaDeclaration Parse(string text, string fileName) => Parse(YamlFile.ParseMapping(text, fileName), fileName);

    public static SchemaDeclaration Parse(YamlMappingNode root, string fileName)
    {
        YamlNode? collections = null;
        foreach (var (keyNode, value) in root.Children)
        {
            var key = YamlBson.Text(keyNode, fileName, "a key");
            switch (key)
            {
                case "collections":
                    collections = value;
                    break;
                case "version":
                    if (YamlBson.Text(value, fileName, "the version") != "1")
                    {
                        throw YamlFile.Error(fileName, value, "unsupported version; expected 1");
                    }

                    break;
                default:
                    throw YamlFile.Error(fileName, keyNode, $"unknown key '{key}'; expected one of: version, collections");
            }
        }

        if (collections is not YamlMappingNode map || map.Children.Count == 0)
        {
            throw YamlFile.Error(fileName, collections ?? root, "'collections:' mapping each collection name to its declaration");
        }

        return new SchemaDeclaration(fileName, map.Children.Select(c => ReadCollection(c.Key, c.Value, fileName)).ToList());
    }

    private static CollectionSchema ReadCollection(YamlNode nameNode, YamlNode node, string fileName)
    {
        var name = YamlBson.Text(nameNode, fileName, "a collection name");
        if (name.Length == 0 || name.StartsWith("system.", StringComparison.Ordinal) || name.StartsWith("_ferry", StringComparison.Ordinal) || name.Contains('$'))
        {
            throw YamlFile.Error(fileName, nameNode, $"'{name}' is not a collection a schema can declare (empty, system., _ferry or with '$')");
        }

        var schema = new CollectionSchema(name, YamlFile.Where(fileName, nameNode));
        if (node is YamlScalarNode { Value: null or "" or "~" or "{}" })
        {
            return schema; // "users:" alone: the collection exists
        }

        if (node is not YamlMappingNode mapping)
        {
            throw YamlBson.Expected(fileName, node, $"a mapping for collection {name} with any of: {string.Join(", ", CollectionKeys)}");
        }

        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = YamlBson.Text(keyNode, fileName, "a key");
            schema = key switch
            {
                "validator" => schema with { Validator = YamlValues.Filter(value, fileName) },
                "validation_level" => schema with { ValidationLevel = OneOf(value, fileName, key, Levels) },
                "validation_action" => schema with { ValidationAction = OneOf(value, fileName, key, Actions) },
                "indexes" => schema with { Indexes = ReadIndexes(value, fileName, name) },
                "data" => schema with { Data = ReadData(value, fileName, name) },
                "absent" => schema with { Absent = YamlBson.ToBson(value, fileName) is BsonBoolean b ? b.Value : throw YamlBson.Expected(fileName, value, "absent: true or false") },
                _ => throw YamlFile.Error(fileName, keyNode, $"unknown key '{key}' for collection {name}; expected one of: {string.Join(", ", CollectionKeys)}"),
            };
        }

        if (schema.Absent && (schema.ManagesValidation || schema.Indexes is not null || schema.Data is not null))
        {
            throw YamlFile.Error(fileName, nameNode, $"collection {name} is declared absent: it cannot also declare a validator, indexes or data");
        }

        return schema;
    }

    private static string OneOf(YamlNode node, string fileName, string key, string[] allowed)
    {
        var text = YamlBson.Text(node, fileName, key);
        return allowed.Contains(text) ? text : throw YamlFile.Error(fileName, node, $"{key}: expected one of {string.Join(", ", allowed)}, got '{text}'");
    }

    private static List<IndexDeclaration> ReadIndexes(YamlNode node, string fileName, string collection)
    {
        var indexes = YamlValues.Items(node, fileName, $"a list of index specs for {collection}", item => new IndexDeclaration(collection, IndexDeclarationFile.ReadSpec(item, fileName, collection)));
        if (indexes.FirstOrDefault(i => i.Name == "_id_") is not null)
        {
            throw YamlFile.Error(fileName, node, $"{collection}: _id_ is MongoDB's own index; leave it out");
        }

        var twice = indexes.GroupBy(i => i.Name).FirstOrDefault(g => g.Count() > 1);
        return twice is null ? indexes : throw YamlFile.Error(fileName, node, $"{collection}: index '{twice.Key}' is declared more than once");
    }

    private static ReferenceData ReadData(YamlNode node, string fileName, string collection)
    {
        if (node is not YamlMappingNode mapping)
        {
            throw YamlBson.Expected(fileName, node, $"data for {collection}: {{ key: [fields], documents: [...], prune: false }}");
        }

        List<string>? key = null;
        List<(BsonDocument Document, YamlNode Node)>? documents = null;
        var prune = false;
        foreach (var (keyNode, value) in mapping.Children)
        {
            switch (YamlBson.Text(keyNode, fileName, "a key"))
            {
                case "key":
                    key = value is YamlScalarNode ? [YamlBson.Text(value, fileName, "a field")] : YamlValues.StringList(value, fileName, "a list of field names");
                    break;
                case "documents":
                    documents = YamlValues.Items(value, fileName, "a list of documents", item => (YamlBson.ToDocument(item, fileName), item));
                    break;
                case "prune":
                    prune = YamlBson.ToBson(value, fileName) is BsonBoolean b ? b.Value : throw YamlBson.Expected(fileName, value, "prune: true or false");
                    break;
                case var other:
                    throw YamlFile.Error(fileName, keyNode, $"unknown key '{other}' in data for {collection}; expected key, documents, prune");
            }
        }

        key ??= ["_id"];
        if (key.Count == 0)
        {
            throw YamlFile.Error(fileName, node, $"data for {collection}: key needs at least one field");
        }

        documents ??= [];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (document, itemNode) in documents)
        {
            if (key.FirstOrDefault(k => !document.Contains(k)) is { } missing)
            {
                throw YamlFile.Error(fileName, itemNode, $"data for {collection}: the document has no '{missing}', a field of its key");
            }

            if (!seen.Add(new BsonDocument(key.Select(k => new BsonElement(k, document[k]))).ToJson()))
            {
                throw YamlFile.Error(fileName, itemNode, $"data for {collection}: a second document with the same key ({string.Join(", ", key)})");
            }
        }

        return new ReferenceData(key, documents.Select(d => d.Document).ToList(), prune);
    }
}

using System.Globalization;
using Ferry.Core.Errors;
using MongoDB.Bson;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Ferry.Core.Yaml;

/// <summary>
/// Turns YAML into BSON for the MongoDB documents embedded in rules files (filters, schemas, constants):
/// mappings → documents (order kept), sequences → arrays, plain scalars by YAML's core schema (integers → Int32 or
/// Int64, floats → Double, true/false, null/~), quoted scalars → strings. A string that is a whole Extended JSON
/// document (<c>'{ "created_at": { "$date": "…" } }'</c>) can be used where a document is expected.
/// </summary>
public static class YamlBson
{
    public static BsonValue ToBson(YamlNode node, string fileName) => node switch
    {
        YamlMappingNode map => ToDocument(map, fileName),
        YamlSequenceNode seq => new BsonArray(seq.Children.Select(c => ToBson(c, fileName))),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw YamlFile.Error(fileName, node, "aliases and tags are not supported here"),
    };

    public static BsonDocument ToDocument(YamlNode node, string fileName)
    {
        if (node is YamlScalarNode { Value: { } text } scalar && text.TrimStart().StartsWith('{'))
        {
            try
            {
                return BsonDocument.Parse(text);
            }
            catch (Exception e) when (e is FormatException or BsonException)
            {
                throw YamlFile.Error(fileName, scalar, "not a valid Extended JSON document: " + e.Message);
            }
        }

        if (node is not YamlMappingNode map)
        {
            throw YamlFile.Error(fileName, node, "expected a mapping (a MongoDB document)");
        }

        var doc = new BsonDocument(allowDuplicateNames: false);
        foreach (var (key, value) in map.Children)
        {
            if (key is not YamlScalarNode keyScalar)
            {
                throw YamlFile.Error(fileName, key, "expected a field name, found a " + (key is YamlSequenceNode ? "list" : "mapping") + " used as a key");
            }

            var name = keyScalar.Value ?? string.Empty;
            if (doc.Contains(name))
            {
                throw YamlFile.Error(fileName, key, $"duplicate key '{name}'");
            }

            doc.Add(name, ToBson(value, fileName));
        }

        return doc;
    }

    private static BsonValue Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return new BsonString(text);
        }

        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return BsonNull.Value;
            case "true" or "True" or "TRUE":
                return BsonBoolean.True;
            case "false" or "False" or "FALSE":
                return BsonBoolean.False;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return l is >= int.MinValue and <= int.MaxValue ? new BsonInt32((int)l) : new BsonInt64(l);
        }

        if (text.Length > 0 && (char.IsDigit(text[0]) || text[0] is '-' or '+' or '.')
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return new BsonDouble(d);
        }

        return new BsonString(text);
    }

    /// <summary>A scalar's text, or an error naming where a scalar was expected.</summary>
    public static string Text(YamlNode node, string fileName, string what) =>
        node is YamlScalarNode { Value: { } v } ? v : throw YamlFile.Error(fileName, node, $"expected {what}");

    public static UserInputException Expected(string fileName, YamlNode node, string what) => YamlFile.Error(fileName, node, "expected " + what);
}

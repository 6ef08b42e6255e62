using Ferry.Core.Yaml;
using MongoDB.Bson;
using YamlDotNet.RepresentationModel;

namespace Ferry.Core.Troubleshooting;

/// <summary>A query the application runs, to check it is served by an index: <c>{ collection, filter, name? }</c>.</summary>
public sealed record ProbeQuery(string Name, string Collection, BsonDocument Filter)
{
    /// <summary>Reads <c>probes: [ { collection: users, filter: { email: "x" } }, … ]</c> (YAML or JSON).</summary>
    public static IReadOnlyList<ProbeQuery> Load(string path)
    {
        var root = YamlFile.LoadMapping(path);
        var probes = root.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: "probes" }).Value as YamlSequenceNode
            ?? throw YamlFile.Error(path, root, "expected 'probes:' with a list of { collection: C, filter: { … } }");
        return probes.Children.Select((node, i) =>
        {
            var probe = node is YamlMappingNode ? YamlBson.ToDocument(node, path) : throw YamlBson.Expected(path, node, "a probe: { collection: C, filter: { … } }");
            var collection = probe.GetValue("collection", BsonNull.Value) is BsonString { Value.Length: > 0 } c ? c.Value : throw YamlFile.Error(path, node, "'collection' is required");
            var filter = probe.GetValue("filter", new BsonDocument()) as BsonDocument ?? throw YamlFile.Error(path, node, "'filter' must be a mapping");
            var name = probe.GetValue("name", BsonNull.Value) is BsonString n ? n.Value : $"probe {i + 1}";
            return new ProbeQuery(name, collection, filter);
        }).ToList();
    }
}

using System.Collections;
using YamlDotNet.RepresentationModel;

namespace Ferry.Core.Yaml;

/// <summary>
/// The keys a mapping in a rules file may hold (a file's sections, a collection's rules, a field's options), each with
/// what reading its value does. <see cref="Read(YamlMappingNode, Func{string, string})"/> walks a mapping entry by
/// entry; a key not in the table is an error at that key. Messages list <see cref="Names"/>, so they cannot drift from
/// the keys handled. Shared by the validation and transform rules parsers.
/// </summary>
internal sealed class YamlKeyTable(string file) : IEnumerable<string>
{
    private readonly List<(string Key, Action<YamlNode> Read)> _keys = [];

    /// <summary>The known keys, comma-separated, in the table's order.</summary>
    public string Names => string.Join(", ", _keys.Select(k => k.Key));

    public void Add(string key, Action<YamlNode> read) => _keys.Add((key, read));

    /// <summary>The usual message for an unknown key: <c>unknown key 'K' for OWNER; expected one of: …</c>.</summary>
    public Func<string, string> UnknownFor(string owner) => key => $"unknown key '{key}' for {owner}; expected one of: {Names}";

    /// <summary>Reads <paramref name="node"/>, which must be a mapping (else <c>expected <paramref name="expectedMapping"/></c>).</summary>
    public void Read(YamlNode node, string expectedMapping, Func<string, string> unknownKey) =>
        Read(node as YamlMappingNode ?? throw YamlBson.Expected(file, node, expectedMapping), unknownKey);

    public void Read(YamlMappingNode map, Func<string, string> unknownKey)
    {
        foreach (var (keyNode, value) in map.Children)
        {
            var key = YamlBson.Text(keyNode, file, "a key");
            var index = _keys.FindIndex(k => k.Key == key);
            if (index < 0)
            {
                throw YamlFile.Error(file, keyNode, unknownKey(key));
            }

            _keys[index].Read(value);
        }
    }

    public IEnumerator<string> GetEnumerator() => _keys.Select(k => k.Key).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

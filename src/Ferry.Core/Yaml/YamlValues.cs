using Ferry.Query.Common;
using Ferry.Query.Filters;
using MongoDB.Bson;
using YamlDotNet.RepresentationModel;

namespace Ferry.Core.Yaml;

/// <summary>Values both rules files read beyond plain BSON: a MongoDB filter (checked as MongoDB would), lists, mappings of names.</summary>
internal static class YamlValues
{
    public static BsonDocument Filter(YamlNode node, string file)
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

    public static List<string> StringList(YamlNode node, string file, string what) => Items(node, file, what, item => YamlBson.Text(item, file, what));

    /// <summary>Each item of a list, read in order; anything but a list is <c>expected <paramref name="expected"/></c>.</summary>
    public static List<T> Items<T>(YamlNode node, string file, string expected, Func<YamlNode, T> read) =>
        node is YamlSequenceNode seq ? seq.Children.Select(read).ToList() : throw YamlBson.Expected(file, node, expected);

    /// <summary>Each entry (key, value) of a mapping with names of the file's choosing, read in order; anything but a mapping is <c>expected <paramref name="expected"/></c>.</summary>
    public static List<T> Entries<T>(YamlNode node, string file, string expected, Func<YamlNode, YamlNode, T> read) =>
        node is YamlMappingNode map ? map.Children.Select(c => read(c.Key, c.Value)).ToList() : throw YamlBson.Expected(file, node, expected);
}

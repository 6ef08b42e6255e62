using Ferry.Query.Common;
using Ferry.Query.Filters;
using MongoDB.Bson;
using YamlDotNet.RepresentationModel;

namespace Ferry.Core.Yaml;

/// <summary>Values both rules files read beyond plain BSON: a MongoDB filter (checked as MongoDB would), a list of names.</summary>
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

    public static List<string> StringList(YamlNode node, string file, string what) =>
        node is YamlSequenceNode seq
            ? seq.Children.Select(c => YamlBson.Text(c, file, what)).ToList()
            : throw YamlBson.Expected(file, node, what);
}

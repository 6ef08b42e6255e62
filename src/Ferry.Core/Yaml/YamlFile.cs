using Ferry.Core.Errors;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Ferry.Core.Yaml;

/// <summary>
/// Loads a YAML file into YamlDotNet's node model, keeping positions, so every rules file (validation, transform)
/// reports mistakes as <c>FILE:LINE:COLUMN: what was expected</c>.
/// </summary>
public static class YamlFile
{
    public static YamlMappingNode LoadMapping(string path)
    {
        if (Directory.Exists(path))
        {
            throw new UserInputException($"{path}: is a folder, expected a YAML file");
        }

        if (!File.Exists(path))
        {
            throw new UserInputException($"{path}: no such file");
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{path}: cannot read the file: {e.Message}");
        }

        return ParseMapping(text, path);
    }

    public static YamlMappingNode ParseMapping(string text, string fileName)
    {
        var stream = new YamlStream();
        var parser = new PositionTrackingParser(new Parser(new StringReader(text)));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            throw new UserInputException($"{fileName}:{e.Start.Line}:{e.Start.Column}: not valid YAML: {e.InnerException?.Message ?? e.Message}");
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's scanner gives up this way (no position, no reason) on some unclosed '{' or '['; its node
            // loader throws ArgumentException ("the current event is of an unsupported type") on some damaged
            // documents (found by fuzzing: a deleted range in a rules file).
            throw new UserInputException(parser.InnermostOpenFlow is { } open
                ? $"{fileName}:{open.Start.Line}:{open.Start.Column}: not valid YAML: this '{(open is YamlDotNet.Core.Events.MappingStart ? '{' : '[')}' is never closed"
                : $"{fileName}:{parser.Last?.End.Line ?? 1}:{parser.Last?.End.Column ?? 1}: not valid YAML after this point");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new UserInputException($"{fileName}:1:1: expected a YAML mapping at the top of the file");
        }

        RejectAliases(root, fileName, new HashSet<YamlNode>(ReferenceEqualityComparer.Instance));
        return root;
    }

    /// <summary>
    /// Rules files have no use for anchors and aliases, and an alias is the same node met twice: expanding nested
    /// ones ("billion laughs") would grow exponentially, so the first repeated node is an error. One pass, each
    /// node once.
    /// </summary>
    private static void RejectAliases(YamlNode node, string fileName, HashSet<YamlNode> seen)
    {
        if (!seen.Add(node))
        {
            throw Error(fileName, node, "aliases (*name) are not supported in rules files; write the value out");
        }

        var children = node switch
        {
            YamlMappingNode map => map.Children.SelectMany(c => new[] { c.Key, c.Value }),
            YamlSequenceNode sequence => sequence.Children,
            _ => [],
        };
        foreach (var child in children)
        {
            RejectAliases(child, fileName, seen);
        }
    }

    /// <summary>"FILE:LINE:COLUMN" of a node, for messages.</summary>
    public static string Where(string fileName, YamlNode node) => $"{fileName}:{node.Start.Line}:{node.Start.Column}";

    public static UserInputException Error(string fileName, YamlNode node, string message) => new($"{Where(fileName, node)}: {message}");
}

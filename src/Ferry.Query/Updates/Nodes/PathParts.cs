namespace Ferry.Query.Updates.Nodes;

/// <summary>Helpers for dotted update paths: splitting, array indexes, positional and array-filter parts.</summary>
internal static class PathParts
{
    public static string[] Split(string path) => path.Split('.');

    public static string Join(IEnumerable<string> parts) => string.Join('.', parts);

    /// <summary>MongoDB reads a path part as an array index only when it is all ASCII digits.</summary>
    public static bool TryParseIndex(string part, out int index)
    {
        index = 0;
        if (part.Length == 0)
        {
            return false;
        }

        long value = 0;
        foreach (var c in part)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
            if (value > int.MaxValue)
            {
                value = int.MaxValue;
            }
        }

        index = (int)value;
        return true;
    }

    public static bool IsPositional(string part) => part == "$";

    /// <summary>True for <c>$[]</c> and <c>$[identifier]</c>.</summary>
    public static bool IsArrayFilterIdentifier(string part) => part.Length >= 3 && part.StartsWith("$[", StringComparison.Ordinal) && part.EndsWith(']');

    public static string IdentifierOf(string part) => part[2..^1];
}

using Ferry.Query.Common;

namespace Ferry.Store.Embedded;

/// <summary>
/// Database and collection name rules, as MongoDB applies them. Database names become file names, so these rules
/// also keep every database inside the store's folder (no separators, no "..", no drive letters).
/// </summary>
public static class Names
{
    private static readonly System.Buffers.SearchValues<char> ForbiddenDatabaseCharacters = System.Buffers.SearchValues.Create("/\\. \"$*<>:|?\0");

    /// <summary>Throws InvalidNamespace (73) for a name MongoDB rejects as a database name.</summary>
    public static void CheckDatabase(string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw ErrorCodes.Create(ErrorCodes.InvalidNamespace, "Invalid database name: ''");
        }

        if (name.Length >= 64)
        {
            throw ErrorCodes.Create(ErrorCodes.InvalidNamespace, $"db name '{name}' is too long (max 63 characters)");
        }

        if (name.AsSpan().ContainsAny(ForbiddenDatabaseCharacters) || name.Any(char.IsControl))
        {
            throw ErrorCodes.Create(ErrorCodes.InvalidNamespace, $"Invalid database name: '{name}'");
        }
    }

    /// <summary>Throws InvalidNamespace (73) for a name MongoDB rejects as a collection name.</summary>
    public static void CheckCollection(string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw ErrorCodes.Create(ErrorCodes.InvalidNamespace, "Invalid collection name: ''");
        }

        if (name.Contains('\0') || name.StartsWith('.') || name.EndsWith('.') || name.Contains('$'))
        {
            throw ErrorCodes.Create(ErrorCodes.InvalidNamespace, $"Invalid collection name: {name}");
        }
    }
}

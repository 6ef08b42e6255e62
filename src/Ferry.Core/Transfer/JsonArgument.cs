using Ferry.Core.Errors;
using MongoDB.Bson;

namespace Ferry.Core.Transfer;

/// <summary>Parses a JSON document given on the command line (a filter, a query) into BSON, or says why not.</summary>
public static class JsonArgument
{
    /// <summary>Parses <paramref name="json"/> (Extended JSON, relaxed or shell syntax); throws
    /// <see cref="UserInputException"/> naming <paramref name="option"/> when it is not one JSON document.</summary>
    public static BsonDocument ParseDocument(string option, string json)
    {
        if (TryParse(json, out var document, out var error))
        {
            return document;
        }

        throw new UserInputException($"{option}: expected a JSON document: {error}");
    }

    /// <summary>Parses one JSON document, reporting the parser's one-line message instead of throwing.</summary>
    public static bool TryParse(string json, out BsonDocument document, out string error)
    {
        try
        {
            document = BsonDocument.Parse(json);
            error = string.Empty;
            return true;
        }
        catch (Exception e) when (e is FormatException or BsonException or ArgumentException or InvalidOperationException or OverflowException)
        {
            document = [];
            error = OneLine(e.Message);
            return false;
        }
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}

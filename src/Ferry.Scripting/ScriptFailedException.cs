namespace Ferry.Scripting;

/// <summary>
/// A script stopped with an error: an uncaught exception (with its JavaScript name, and MongoDB's code and code
/// name when the store raised it) or a broken limit. The message leads with <c>file:line:column</c>, so the CLI
/// prints one line that points at the statement.
/// </summary>
public sealed class ScriptFailedException : Exception
{
    public ScriptFailedException(string sourceName, int? line, int? column, string errorName, string detail, int? code = null, string? codeName = null, Exception? inner = null)
        : base(Describe(sourceName, line, column, errorName, detail, code, codeName), inner)
    {
        SourceName = sourceName;
        Line = line;
        Column = column;
        ErrorName = errorName;
        Detail = detail;
        Code = code;
        CodeName = codeName;
    }

    public string SourceName { get; }

    /// <summary>1-based line of the failing statement, when known.</summary>
    public int? Line { get; }

    /// <summary>1-based column, when known.</summary>
    public int? Column { get; }

    /// <summary>The JavaScript error's name (TypeError, MongoServerError, …) or the limit that stopped it.</summary>
    public string ErrorName { get; }

    public string Detail { get; }

    /// <summary>MongoDB's error code when the store raised the error.</summary>
    public int? Code { get; }

    public string? CodeName { get; }

    private static string Describe(string source, int? line, int? column, string name, string detail, int? code, string? codeName)
    {
        var where = line is null ? source : column is null ? $"{source}:{line}" : $"{source}:{line}:{column}";
        var suffix = code is null ? string.Empty : $" (code {code}, {codeName})";
        return $"{where}: {name}: {detail}{suffix}";
    }
}

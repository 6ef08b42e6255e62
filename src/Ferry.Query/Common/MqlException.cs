namespace Ferry.Query.Common;

/// <summary>
/// An error with MongoDB's numeric code and code name (the "server error" of the MongoDB query language).
/// Both stores raise it for the same bad input, so callers and tests can rely on <see cref="Code"/>.
/// </summary>
public class MqlException : Exception
{
    public MqlException(int code, string codeName, string message)
        : base(message)
    {
        Code = code;
        CodeName = codeName;
    }

    public MqlException(int code, string codeName, string message, Exception inner)
        : base(message, inner)
    {
        Code = code;
        CodeName = codeName;
    }

    /// <summary>MongoDB's numeric error code, e.g. 2 (BadValue) or 11000 (DuplicateKey).</summary>
    public int Code { get; }

    /// <summary>MongoDB's code name, e.g. "BadValue".</summary>
    public string CodeName { get; }
}

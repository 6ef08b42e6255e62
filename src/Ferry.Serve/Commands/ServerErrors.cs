using Ferry.Query.Common;

namespace Ferry.Serve.Commands;

/// <summary>MongoDB error codes the server raises itself (the store's own come from <see cref="ErrorCodes"/>).</summary>
internal static class ServerErrors
{
    public const int InternalErrorCode = 1;
    public const int UnauthorizedCode = 13;
    public const int AuthenticationFailedCode = 18;
    public const int CursorInUseCode = 42;
    public const int MissingDatabaseCode = 40571;

    public static MqlException InternalError(string message) => new(InternalErrorCode, "InternalError", message);

    public static MqlException Unauthorized(string message) => new(UnauthorizedCode, "Unauthorized", message);

    public static MqlException CursorInUse(string message) => new(CursorInUseCode, "CursorInUse", message);

    public static MqlException AuthenticationFailed(string message) => new(AuthenticationFailedCode, "AuthenticationFailed", message);

    public static MqlException MissingDatabase() => new(MissingDatabaseCode, "Location40571", "OP_MSG requests require a $db argument");
}

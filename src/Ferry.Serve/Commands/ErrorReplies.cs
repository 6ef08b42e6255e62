using Ferry.Core.Errors;
using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Serve.Commands;

/// <summary>Command failures as MongoDB replies them: <c>{ ok: 0, errmsg, code, codeName }</c>.</summary>
internal static class ErrorReplies
{
    public static BsonDocument From(Exception ex) => ex switch
    {
        MqlException mql => Create(mql.Code, mql.CodeName, mql.Message),
        UserInputException input => Create(ErrorCodes.BadValue, "BadValue", input.Message),
        FormatException or InvalidCastException or ArgumentException => Create(ErrorCodes.BadValue, "BadValue", ex.Message),
        _ => Create(ServerErrors.InternalErrorCode, "InternalError", ex.GetType().Name + ": " + ex.Message),
    };

    public static BsonDocument Create(int code, string codeName, string message) => new()
    {
        { "ok", 0.0 },
        { "errmsg", message },
        { "code", code },
        { "codeName", codeName },
    };

    /// <summary>Each failed write of a bulk write as a <c>writeErrors</c> entry.</summary>
    public static BsonArray WriteErrors(IEnumerable<Ferry.Core.Storage.BulkWriteError> errors) =>
        new(errors.Select(e => new BsonDocument { { "index", e.Index }, { "code", e.Code }, { "codeName", e.CodeName }, { "errmsg", e.Message } }));
}

using Ferry.Core.Errors;
using Ferry.Core.Storage;
using Ferry.Query.Common;
using Ferry.Scripting.Conversion;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using MongoDB.Bson;

namespace Ferry.Scripting.Shell;

/// <summary>
/// Turns store errors into JavaScript errors a script can catch, shaped like mongosh's: a
/// <see cref="MqlException"/> becomes an <c>Error</c> named <c>MongoServerError</c> with <c>code</c> and
/// <c>codeName</c> (a bulk write failure also has <c>writeErrors</c> and the partial <c>result</c>); bad arguments
/// become <c>MongoInvalidArgumentError</c>. Cancellation and Ferry's own limits are not catchable.
/// </summary>
internal sealed class ShellErrors(Engine engine, BsonToJsConverter toJs)
{
    public static bool IsScriptVisible(Exception e) => e is MqlException or UserInputException or ArgumentException or FormatException;

    public JavaScriptException ToJavaScript(Exception e) => e switch
    {
        MqlException mql => new JavaScriptException(ServerError(mql)),
        _ => new JavaScriptException(Create("MongoInvalidArgumentError", e.Message)),
    };

    public ObjectInstance Create(string name, string message)
    {
        var error = (ObjectInstance)engine.Intrinsics.Error.Construct([new JsString(message)], JsValue.Undefined);
        error.Set("name", name);
        return error;
    }

    private ObjectInstance ServerError(MqlException mql)
    {
        var error = Create("MongoServerError", mql.Message);
        error.Set("code", mql.Code);
        error.Set("codeName", mql.CodeName);
        if (mql is BulkWriteFailedException bulk)
        {
            var writeErrors = new BsonArray(bulk.WriteErrors.Select(w => new BsonDocument
            {
                { "index", w.Index }, { "code", w.Code }, { "codeName", w.CodeName }, { "errmsg", w.Message },
            }));
            error.Set("writeErrors", toJs.ToJs(writeErrors));
            error.Set("result", toJs.ToJs(WriteResults.BulkWrite(bulk.Result)));
        }

        return error;
    }
}

using Ferry.Core.Migrations.DryRun;
using MongoDB.Bson;

namespace Ferry.Scripting;

/// <summary>
/// What <c>ferry eval</c> ends with: the script's value (as BSON and as mongosh prints it), the writes a dry run
/// held back, or the script's failure — an expected outcome the caller reports (exit 1), not an exception.
/// </summary>
public sealed record EvalResult(BsonValue? Value, string? Display)
{
    /// <summary>The writes not made, in order; null unless it was a dry run.</summary>
    public IReadOnlyList<RecordedWrite>? Writes { get; init; }

    public ScriptFailure? Failure { get; init; }

    public bool Ok => Failure is null;

    /// <summary>The <c>eval --json</c> document (the failure's own shape when the script failed).</summary>
    public BsonDocument ToBson()
    {
        if (Failure is not null)
        {
            return Failure.ToBson();
        }

        var json = new BsonDocument { { "ok", true }, { "result", Value ?? BsonNull.Value } };
        if (Writes is not null)
        {
            json["writes"] = new BsonArray(Writes.Select(w => w.ToBson()));
        }

        return json;
    }
}

/// <summary>Where and why a script stopped (see <see cref="ScriptFailedException"/>); <see cref="Message"/> leads with <c>file:line:column</c>.</summary>
public sealed record ScriptFailure(string Message, string SourceName, int? Line, int? Column, int? Code, string? CodeName)
{
    public static ScriptFailure From(ScriptFailedException e) => new(e.Message, e.SourceName, e.Line, e.Column, e.Code, e.CodeName);

    public BsonDocument ToBson() => new()
    {
        { "ok", false },
        { "error", Ferry.Core.Storage.UriRedactor.RedactText(Message) },
        { "file", SourceName },
        { "line", (BsonValue?)Line ?? BsonNull.Value },
        { "column", (BsonValue?)Column ?? BsonNull.Value },
        { "code", (BsonValue?)Code ?? BsonNull.Value },
        { "codeName", (BsonValue?)CodeName ?? BsonNull.Value },
    };
}

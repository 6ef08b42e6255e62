using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Query.Tests.UpdateSemantics;

/// <summary>What running a case produced: a document (and whether it changed), or a MongoDB error.</summary>
internal sealed record CaseOutcome(BsonDocument? Document, bool Modified, MqlException? Error)
{
    public static CaseOutcome Of(BsonDocument document, bool modified) => new(document, modified, null);

    public static CaseOutcome Failed(MqlException error) => new(null, false, error);

    public override string ToString() => Error is not null
        ? "error " + Error.Code + " " + Error.CodeName + ": " + Error.Message
        : (Modified ? "modified " : "unchanged ") + CaseRunner.Canonical(Document!);
}

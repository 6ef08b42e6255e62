namespace Ferry.Query.Tests.UpdateSemantics;

/// <summary>What a recorded case checks about the result.</summary>
internal enum CaseCheck
{
    /// <summary>The updated document equals <see cref="RecordedCase.Expected"/> exactly (order and types).</summary>
    Document,

    /// <summary>The update changes nothing (DocumentDB prints an empty result).</summary>
    NoOp,

    /// <summary>The update fails (DocumentDB's message is in <see cref="RecordedCase.Expected"/>; only the failure is compared).</summary>
    Error,

    /// <summary>The upserted document has an <c>_id</c>.</summary>
    HasId,

    /// <summary>The upserted document's <c>_id</c> equals the value in <see cref="RecordedCase.Expected"/> (<c>{ "": v }</c>).</summary>
    IdEquals,

    /// <summary>The upserted document's <c>_id</c> differs from the value in <see cref="RecordedCase.Expected"/>.</summary>
    IdNotEquals,

    /// <summary>The result without its <c>_id</c> equals <see cref="RecordedCase.Expected"/>.</summary>
    DocumentWithoutId,

    /// <summary>The listed fields hold the current date / timestamp.</summary>
    CurrentDate,
}

/// <summary>
/// One recorded case of <c>bson_update_document(source, {"": update}, query [, {"": arrayFilters}])</c>: an empty
/// source document means an upsert built from the query. Null arguments stay null (SQL NULL).
/// </summary>
internal sealed record RecordedCase(
    string Id,
    string File,
    int Line,
    string Comment,
    string? Source,
    string? Update,
    string? Query,
    string? ArrayFilters,
    CaseCheck Check,
    string? Expected,
    IReadOnlyList<string> DateFields,
    IReadOnlyList<string> TimestampFields)
{
    public override string ToString() => Id;
}

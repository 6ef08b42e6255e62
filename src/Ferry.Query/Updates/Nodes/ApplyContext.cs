using Ferry.Query.Common;
using Ferry.Query.Filters;
using MongoDB.Bson;

namespace Ferry.Query.Updates.Nodes;

/// <summary>What every update node needs while applying one update to one document.</summary>
internal sealed class ApplyContext
{
    /// <summary>The document being updated (mutated in place).</summary>
    public required BsonDocument Document { get; init; }

    /// <summary>The array index matched by the query, as a path part, for the positional <c>$</c>; null when none.</summary>
    public required string? MatchedField { get; init; }

    /// <summary>True when the update builds an upserted document (enables <c>$setOnInsert</c>).</summary>
    public required bool IsInsert { get; init; }

    public required QueryContext Query { get; init; }

    public required IReadOnlyDictionary<string, FilterMatcher> ArrayFilters { get; init; }

    /// <summary>False while building an upsert document, which is validated as a whole afterwards.</summary>
    public required bool ValidateForStorage { get; init; }

    /// <summary>The <c>_id</c> element as MongoDB prints it in error messages, e.g. <c>{_id: 1}</c>.</summary>
    public string IdForMessages => Document.TryGetValue("_id", out var id) ? "{_id: " + ShellFormat.Value(id) + "}" : "{}";
}

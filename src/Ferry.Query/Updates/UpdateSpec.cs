using Ferry.Query.Common;
using Ferry.Query.Filters;
using MongoDB.Bson;

namespace Ferry.Query.Updates;

/// <summary>
/// A parsed update: an update document with operators, a replacement document, or a pipeline.
/// INTERIM: top-level <c>$set</c>/<c>$unset</c> and replacements only; the update engine replaces this file (same public API).
/// </summary>
public sealed class UpdateSpec
{
    private readonly BsonDocument _update;

    private UpdateSpec(BsonDocument update, bool isReplacement)
    {
        _update = update;
        IsReplacement = isReplacement;
    }

    /// <summary>True for a replacement document (no operators).</summary>
    public bool IsReplacement { get; }

    /// <summary>Parses an update document (<c>{ $set: … }</c>) or a pipeline (<see cref="BsonArray"/>); a bad update
    /// throws <see cref="MqlException"/> with MongoDB's code (e.g. 9 FailedToParse for an unknown operator).</summary>
    public static UpdateSpec Parse(BsonValue update, IReadOnlyList<BsonDocument>? arrayFilters = null, QueryContext? context = null)
    {
        if (update is not BsonDocument doc)
        {
            throw ErrorCodes.Create(ErrorCodes.FailedToParse, "pipeline updates are not supported yet");
        }

        return new UpdateSpec(doc, false);
    }

    /// <summary>A replacement document; field names starting with '$' are rejected as MongoDB does.</summary>
    public static UpdateSpec Replacement(BsonDocument replacement) => new(replacement, true);

    /// <summary>Applies the update to a copy of <paramref name="document"/>. <paramref name="details"/> carries the array
    /// position matched by the filter for the positional <c>$</c>; <paramref name="isUpsertInsert"/> enables <c>$setOnInsert</c>.
    /// Changing <c>_id</c> throws ImmutableField (66).</summary>
    public UpdateOutcome Apply(BsonDocument document, MatchDetails? details = null, bool isUpsertInsert = false)
    {
        var result = document.DeepClone().AsBsonDocument;
        if (IsReplacement)
        {
            var replaced = new BsonDocument();
            if (document.TryGetValue("_id", out var id))
            {
                replaced["_id"] = id;
            }

            replaced.AddRange(_update.Where(e => e.Name != "_id"));
            return new UpdateOutcome(replaced, !replaced.Equals(document));
        }

        foreach (var op in _update)
        {
            foreach (var field in op.Value.AsBsonDocument)
            {
                switch (op.Name)
                {
                    case "$set":
                        result[field.Name] = field.Value;
                        break;
                    case "$unset":
                        result.Remove(field.Name);
                        break;
                    default:
                        throw ErrorCodes.Create(ErrorCodes.FailedToParse, "Unknown modifier: " + op.Name);
                }
            }
        }

        return new UpdateOutcome(result, !result.Equals(document));
    }

    /// <summary>The document an upsert inserts when nothing matched: the filter's equality fields, then the update
    /// applied as an insert (with <c>$setOnInsert</c>). The caller adds an <c>_id</c> when it has none.</summary>
    public BsonDocument BuildUpsertDocument(BsonDocument filter)
    {
        var seed = new BsonDocument();
        foreach (var e in filter)
        {
            if (!e.Name.StartsWith('$') && e.Value is not BsonDocument { ElementCount: > 0 })
            {
                seed[e.Name] = e.Value;
            }
        }

        return Apply(seed, null, isUpsertInsert: true).Document;
    }
}

/// <summary>The updated document and whether it differs from the original.</summary>
public readonly record struct UpdateOutcome(BsonDocument Document, bool Modified);

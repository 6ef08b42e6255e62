using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Query.Updates;

/// <summary>
/// Replacement-style and pipeline-style results: the new content keeps the original <c>_id</c> (first) unless it
/// brings its own, which must equal the original (1 and 1.0 are equal), else ImmutableField (66).
/// (MongoDB's ObjectReplaceExecutor.)
/// </summary>
internal static class ReplacementUpdate
{
    public static UpdateOutcome Apply(BsonDocument original, BsonDocument replacement)
    {
        var result = new BsonDocument();
        var replacementHasId = replacement.Contains("_id");
        if (!replacementHasId && original.TryGetValue("_id", out var id))
        {
            result.Add("_id", id.DeepClone());
        }

        foreach (var element in replacement)
        {
            result.Add(element.Name, element.Value.DeepClone());
        }

        CheckIdUnchanged(original, result);
        return new UpdateOutcome(result, !BsonIdentity.Equal(result, original));
    }

    /// <summary>A pipeline's output replaces the document like a replacement does, so a pipeline that drops
    /// <c>_id</c> keeps the original one (MongoDB's PipelineExecutor).</summary>
    public static UpdateOutcome FromPipelineResult(BsonDocument original, BsonDocument transformed) => Apply(original, transformed);

    private static void CheckIdUnchanged(BsonDocument original, BsonDocument result)
    {
        if (!original.TryGetValue("_id", out var oldId))
        {
            return;
        }

        if (!result.TryGetValue("_id", out var newId))
        {
            throw ErrorCodes.Create(ErrorCodes.ImmutableField, "After applying the update, the (immutable) field '_id' was found to have been removed.");
        }

        if (!BsonValueComparer.Instance.Equals(oldId, newId))
        {
            throw ErrorCodes.Create(ErrorCodes.ImmutableField,
                "After applying the update, the (immutable) field '_id' was found to have been altered to _id: " + ShellFormat.Value(newId));
        }
    }
}

using MongoDB.Bson;

namespace Ferry.Query.Projection;

/// <summary>
/// Applies an exclusion projection (also used when only <c>$slice</c> or <c>_id: 0</c> is given): every field stays
/// in place except excluded ones; nested paths reach into subdocuments and arrays of subdocuments.
/// </summary>
internal static class ExclusionProjection
{
    public static BsonDocument ApplyLevel(ProjectionLevel level, BsonDocument source)
    {
        var output = new BsonDocument();
        foreach (var element in source)
        {
            if (!level.TryGet(element.Name, out var field))
            {
                output.Add(element);
                continue;
            }

            switch (field)
            {
                case ProjectionField.Exclude:
                    break;
                case ProjectionField.Slice slice:
                    output.Add(element.Name, ArraySlice.Apply(element.Value, slice.Skip, slice.Limit));
                    break;
                case ProjectionField.Nested nested:
                    output.Add(element.Name, ApplyNested(nested.Level, element.Value));
                    break;
                default:
                    output.Add(element);
                    break;
            }
        }

        return output;
    }

    private static BsonValue ApplyNested(ProjectionLevel level, BsonValue value) => value switch
    {
        BsonDocument document => ApplyLevel(level, document),
        BsonArray array => new BsonArray(array.Select(item => ApplyNested(level, item))),
        _ => value,
    };
}

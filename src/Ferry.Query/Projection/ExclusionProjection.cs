using MongoDB.Bson;

namespace Ferry.Query.Projection;

/// <summary>
/// Applies an exclusion projection (also used when only <c>$slice</c> or <c>_id: 0</c> is given): every field stays
/// in place except excluded ones; nested paths reach into subdocuments and arrays of subdocuments; an
/// <c>$elemMatch</c> field is cut to its first matching element in place.
/// </summary>
internal static class ExclusionProjection
{
    public static BsonDocument ApplyLevel(ProjectionLevel level, BsonDocument source) => ApplyLevel(level, source, source);

    private static BsonDocument ApplyLevel(ProjectionLevel level, BsonDocument source, BsonDocument root)
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
                    output.Add(element.Name, ApplyNested(nested.Level, element.Value, root));
                    break;
                case ProjectionField.ElemMatch elemMatch:
                    // The first matching element replaces the array in place; no match drops the field.
                    var match = new Filters.MatchDetails();
                    if (elemMatch.Matcher.Matches(root, match) && match.ArrayPosition is { } position
                        && element.Value is BsonArray items && position < items.Count)
                    {
                        output.Add(element.Name, new BsonArray { items[position] });
                    }

                    break;
                default:
                    output.Add(element);
                    break;
            }
        }

        return output;
    }

    private static BsonValue ApplyNested(ProjectionLevel level, BsonValue value, BsonDocument root) => value switch
    {
        BsonDocument document => ApplyLevel(level, document, root),
        BsonArray array => new BsonArray(array.Select(item => ApplyNested(level, item, root))),
        _ => value,
    };
}

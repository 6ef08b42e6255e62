using MongoDB.Bson;

namespace Ferry.Query.Projection;

/// <summary>The find projection's <c>$slice</c>: first n, last n, or [skip, limit] with a negative skip counting from the end.</summary>
internal static class ArraySlice
{
    public static BsonValue Apply(BsonValue value, int? skip, int limit)
    {
        if (value is not BsonArray array)
        {
            return value;
        }

        int start;
        int count;
        if (skip is null)
        {
            start = limit >= 0 ? 0 : Math.Max(0, array.Count + limit);
            count = limit >= 0 ? Math.Min(limit, array.Count) : array.Count - start;
        }
        else
        {
            start = skip.Value >= 0 ? Math.Min(skip.Value, array.Count) : Math.Max(0, array.Count + skip.Value);
            count = Math.Min(limit, array.Count - start);
        }

        var result = new BsonArray(count);
        for (var i = 0; i < count; i++)
        {
            result.Add(array[start + i]);
        }

        return result;
    }
}

using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Query.Sorting;

/// <summary>
/// The value a document sorts by for one key path, following MongoDB's sort-key generation (as for multikey
/// index keys): every value the path reaches through arrays is a candidate; a missing field or a scalar met
/// before the end of the path is null; an empty array is undefined (below null); ascending takes the smallest
/// candidate, descending the largest.
/// </summary>
internal static class SortKey
{
    public static BsonValue Of(BsonDocument document, string[] path, int direction)
    {
        BsonValue? best = null;
        Visit(document, path, 0, candidate =>
        {
            if (best is null || BsonValueComparer.Instance.Compare(candidate, best) * direction < 0)
            {
                best = candidate;
            }
        });
        return best ?? BsonNull.Value;
    }

    private static void Visit(BsonValue? value, string[] path, int next, Action<BsonValue> offer)
    {
        while (next < path.Length && value is BsonDocument document)
        {
            value = document.TryGetValue(path[next], out var child) ? child : null;
            next++;
        }

        switch (value)
        {
            case null:
                offer(BsonNull.Value);
                return;
            case BsonArray { Count: 0 }:
                offer(BsonUndefined.Value);
                return;
            case BsonArray leaf when next == path.Length:
                foreach (var element in leaf)
                {
                    offer(element);
                }

                return;
            case BsonArray array:
                if (FieldPath.AsIndex(path[next]) is { } index)
                {
                    Visit(index < array.Count ? array[index] : null, path, next + 1, offer);
                    return;
                }

                foreach (var element in array)
                {
                    Visit(element is BsonDocument ? element : null, path, next, offer);
                }

                return;
            default:
                offer(next == path.Length ? value : BsonNull.Value);
                return;
        }
    }
}

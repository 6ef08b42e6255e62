using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Query.Sorting;

/// <summary>
/// The value a document sorts by for one key path: of the path's key values (<see cref="FieldPath.KeyValues"/>,
/// MongoDB's sort-key generation), the smallest ascending and the largest descending.
/// </summary>
internal static class SortKey
{
    public static BsonValue Of(BsonDocument document, string[] path, int direction)
    {
        // Fast path: no array on the way means exactly one key.
        BsonValue? value = document;
        var next = 0;
        while (next < path.Length && value is BsonDocument d)
        {
            value = d.TryGetValue(path[next], out var child) ? child : null;
            next++;
        }

        if (value is not BsonArray)
        {
            return next == path.Length && value is not null ? value : BsonNull.Value;
        }

        BsonValue? best = null;
        FieldPath.VisitKeys(document, path, candidate =>
        {
            if (best is null || BsonValueComparer.Instance.Compare(candidate, best) * direction < 0)
            {
                best = candidate;
            }
        });
        return best ?? BsonNull.Value;
    }
}

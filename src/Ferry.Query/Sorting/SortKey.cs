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

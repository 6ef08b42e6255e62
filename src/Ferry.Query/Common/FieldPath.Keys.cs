using MongoDB.Bson;

namespace Ferry.Query.Common;

/// <summary>Key values of a path, as MongoDB generates multikey index keys and sort keys.</summary>
public static partial class FieldPath
{
    /// <summary>
    /// The key values a document has for a dotted path, as MongoDB generates multikey index and sort keys: each
    /// element of an array met on the way or at the end (a numeric component selects one element); a missing field
    /// or a scalar met before the end of the path gives null; an empty array gives undefined.
    /// </summary>
    public static IReadOnlyList<BsonValue> KeyValues(BsonDocument document, string path)
    {
        var keys = new List<BsonValue>();
        VisitKeys(document, Split(path), 0, keys.Add);
        return keys;
    }

    /// <summary>Calls <paramref name="offer"/> with each key value (see <see cref="KeyValues"/>) without collecting them.</summary>
    public static void VisitKeys(BsonDocument document, string[] components, Action<BsonValue> offer) =>
        VisitKeys(document, components, 0, offer);

    private static void VisitKeys(BsonValue? value, string[] path, int next, Action<BsonValue> offer)
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
                if (AsIndex(path[next]) is { } index)
                {
                    VisitKeys(index < array.Count ? array[index] : null, path, next + 1, offer);
                    return;
                }

                foreach (var element in array)
                {
                    VisitKeys(element is BsonDocument ? element : null, path, next, offer);
                }

                return;
            default:
                offer(next == path.Length ? value : BsonNull.Value);
                return;
        }
    }
}

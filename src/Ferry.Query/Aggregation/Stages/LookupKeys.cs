using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Query.Aggregation.Stages;

/// <summary>
/// The equality keys $lookup joins on. A foreign document offers every value a query equality on foreignField
/// would match (array elements and whole arrays; null when the path is missing anywhere). A local document
/// offers the values at localField with arrays expanded, or null when there are none.
/// </summary>
internal static class LookupKeys
{
    public static HashSet<BsonValue> Foreign(BsonDocument document, string[] path)
    {
        var keys = new HashSet<BsonValue>(BsonValueComparer.Instance);
        CollectForeign(document, path, 0, keys);
        return keys;
    }

    public static List<BsonValue> Local(BsonDocument document, string[] path)
    {
        var values = new List<BsonValue>();
        CollectLocal(document, path, 0, values);
        if (values.Count == 0)
        {
            values.Add(BsonNull.Value);
        }

        return values;
    }

    private static void CollectForeign(BsonValue current, string[] path, int index, HashSet<BsonValue> keys)
    {
        if (current is not BsonDocument document || !document.TryGetValue(path[index], out var value))
        {
            keys.Add(BsonNull.Value);
            return;
        }

        if (index == path.Length - 1)
        {
            // undefined stays undefined: it matches only undefined, never null or missing.
            keys.Add(value);
            if (value is BsonArray leafArray)
            {
                foreach (var element in leafArray)
                {
                    keys.Add(element);
                }
            }

            return;
        }

        if (value is BsonArray array)
        {
            if (int.TryParse(path[index + 1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var position) &&
                position < array.Count)
            {
                var rest = path.Length - (index + 2);
                if (rest == 0)
                {
                    keys.Add(array[position]);
                }
                else
                {
                    CollectForeign(array[position], path, index + 2, keys);
                }
            }

            foreach (var element in array)
            {
                if (element is BsonDocument)
                {
                    CollectForeign(element, path, index + 1, keys);
                }
            }

            return;
        }

        CollectForeign(value, path, index + 1, keys);
    }

    private static void CollectLocal(BsonValue current, string[] path, int index, List<BsonValue> values)
    {
        if (current is BsonArray array)
        {
            foreach (var element in array)
            {
                CollectLocal(element, path, index, values);
            }

            return;
        }

        if (index == path.Length)
        {
            values.Add(current);
            return;
        }

        if (current is BsonDocument document && document.TryGetValue(path[index], out var value))
        {
            if (index == path.Length - 1 && value is BsonArray leaf)
            {
                values.AddRange(leaf);
                return;
            }

            CollectLocal(value, path, index + 1, values);
        }
    }
}

using Ferry.Query.Common;
using Ferry.Store.Embedded.Keys;
using MongoDB.Bson;

namespace Ferry.Store.Embedded.Indexes;

/// <summary>
/// The index keys of a document, as MongoDB computes them: each indexed path's values (arrays contribute one key
/// per element — multikey; an empty array indexes as undefined; a missing field as null), combined across the
/// index's fields. Only one field of a compound index may be an array ("cannot index parallel arrays").
/// </summary>
internal static class IndexKeys
{
    public const int CannotIndexParallelArrays = 171;

    /// <summary>The values at a dotted path, arrays along and at the end of the path expanded.</summary>
    public static List<BsonValue> ValuesAt(BsonDocument document, string path, bool emptyArrayAsUndefined = true)
    {
        var values = new List<BsonValue>();
        Collect(document, path.Split('.'), 0, values, out _);
        if (!emptyArrayAsUndefined)
        {
            values.RemoveAll(v => v.IsBsonUndefined);
        }

        return values;
    }

    /// <summary>The distinct encoded keys of <paramref name="document"/> in <paramref name="index"/> (empty when the index skips it).</summary>
    public static IReadOnlyDictionary<byte[], BsonValue[]> KeysOf(IndexDefinition index, BsonDocument document)
    {
        var perPath = new List<IReadOnlyList<BsonValue>>(index.Paths.Count);
        var arrays = 0;
        foreach (var path in index.Paths)
        {
            var values = new List<BsonValue>();
            Collect(document, path.Split('.'), 0, values, out var sawArray);
            if (sawArray)
            {
                arrays++;
            }

            perPath.Add(values);
        }

        if (!index.Covers(document, perPath))
        {
            return new Dictionary<byte[], BsonValue[]>();
        }

        if (arrays > 1)
        {
            throw new MqlException(CannotIndexParallelArrays, "CannotIndexParallelArrays", $"cannot index parallel arrays [{string.Join("] [", index.Paths)}]");
        }

        var keys = new Dictionary<byte[], BsonValue[]>(ByteArrayComparer.Instance);
        var combination = new BsonValue[perPath.Count];
        Combine(perPath, 0, combination, keys);
        return keys;
    }

    /// <summary>The key of one combination of values (one value per indexed path), as an equality lookup builds it.</summary>
    public static byte[] KeyOf(IReadOnlyList<BsonValue> values) => KeyEncoder.EncodeCompound(values);

    private static void Combine(List<IReadOnlyList<BsonValue>> perPath, int position, BsonValue[] combination, Dictionary<byte[], BsonValue[]> keys)
    {
        if (position == perPath.Count)
        {
            keys.TryAdd(KeyEncoder.EncodeCompound(combination), (BsonValue[])combination.Clone());
            return;
        }

        var values = perPath[position];
        if (values.Count == 0)
        {
            combination[position] = BsonNull.Value;
            Combine(perPath, position + 1, combination, keys);
            return;
        }

        foreach (var value in values)
        {
            combination[position] = value;
            Combine(perPath, position + 1, combination, keys);
        }
    }

    private static void Collect(BsonValue current, string[] parts, int position, List<BsonValue> values, out bool sawArray)
    {
        sawArray = false;
        if (position == parts.Length)
        {
            if (current is BsonArray array)
            {
                sawArray = true;
                if (array.Count == 0)
                {
                    values.Add(BsonUndefined.Value);
                }

                values.AddRange(array);
            }
            else
            {
                values.Add(current);
            }

            return;
        }

        switch (current)
        {
            case BsonDocument document:
                if (document.TryGetValue(parts[position], out var child))
                {
                    Collect(child, parts, position + 1, values, out sawArray);
                }

                return;
            case BsonArray array:
                sawArray = true;
                if (int.TryParse(parts[position], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) && index < array.Count)
                {
                    Collect(array[index], parts, position + 1, values, out _);
                }

                foreach (var item in array)
                {
                    if (item is BsonDocument)
                    {
                        Collect(item, parts, position, values, out _);
                    }
                }

                return;
            default:
                return;
        }
    }
}

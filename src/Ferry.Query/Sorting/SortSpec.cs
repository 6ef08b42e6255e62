using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Query.Sorting;

/// <summary>
/// A sort specification (<c>{ a: 1, "b.c": -1 }</c>) as a comparer of documents with MongoDB's sort semantics:
/// BSON order across types; an array sorts by its smallest element ascending and its largest descending (only the
/// elements the path reaches); missing sorts as null; an empty array sorts below null. Ties stay ties (callers add
/// <c>_id</c> when they need a total order). Use <see cref="KeyOf"/> + <see cref="CompareKeys"/> to extract each
/// document's keys once when sorting many documents.
/// </summary>
public sealed class SortSpec : IComparer<BsonDocument>
{
    private readonly string[][] _components;

    private SortSpec(List<(string Path, int Direction)> keys)
    {
        Keys = keys;
        _components = keys.Select(k => FieldPath.Split(k.Path)).ToArray();
    }

    /// <summary>The sort keys in order: dotted path and direction (1 ascending, -1 descending).</summary>
    public IReadOnlyList<(string Path, int Direction)> Keys { get; }

    /// <summary>
    /// Parses a sort document; directions must be 1 or -1 (code 15975), other values fail with 15974, and
    /// <c>{ $meta: ... }</c> is rejected (no text or vector search here).
    /// </summary>
    public static SortSpec Parse(BsonDocument sort)
    {
        ArgumentNullException.ThrowIfNull(sort);
        var keys = new List<(string Path, int Direction)>(sort.ElementCount);
        foreach (var element in sort)
        {
            CheckPath(element.Name);
            keys.Add((element.Name, ParseDirection(element)));
        }

        return new SortSpec(keys);
    }

    public int Compare(BsonDocument? x, BsonDocument? y)
    {
        for (var i = 0; i < _components.Length; i++)
        {
            var direction = Keys[i].Direction;
            var a = x is null ? BsonNull.Value : KeyValue(x, _components[i], direction);
            var b = y is null ? BsonNull.Value : KeyValue(y, _components[i], direction);
            var c = BsonValueComparer.Instance.Compare(a, b);
            if (c != 0)
            {
                return c * direction;
            }
        }

        return 0;
    }

    /// <summary>The value each sort key takes for a document (the array element that represents it, or null).</summary>
    public BsonValue[] KeyOf(BsonDocument document)
    {
        var values = new BsonValue[_components.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = KeyValue(document, _components[i], Keys[i].Direction);
        }

        return values;
    }

    /// <summary>Compares keys produced by <see cref="KeyOf"/>, honouring each key's direction.</summary>
    public int CompareKeys(BsonValue[] x, BsonValue[] y)
    {
        for (var i = 0; i < _components.Length; i++)
        {
            var c = BsonValueComparer.Instance.Compare(x[i], y[i]);
            if (c != 0)
            {
                return c * Keys[i].Direction;
            }
        }

        return 0;
    }

    private static BsonValue KeyValue(BsonDocument document, string[] path, int direction) => SortKey.Of(document, path, direction);

    private static void CheckPath(string path)
    {
        foreach (var component in FieldPath.Split(path))
        {
            if (component.Length == 0)
            {
                throw ErrorCodes.Create(15998, "FieldPath field names may not be empty strings.");
            }

            if (component.StartsWith('$'))
            {
                throw ErrorCodes.Create(16410, "FieldPath field names may not start with '$'. Consider using $getField or $setField.");
            }
        }
    }

    private static int ParseDirection(BsonElement element)
    {
        var value = element.Value;
        if (value is BsonDocument spec)
        {
            if (spec.ElementCount > 0 && spec.GetElement(0).Name == "$meta")
            {
                throw ErrorCodes.Bad("$meta sort (" + spec[0] + ") is not supported: Ferry has no text or vector search");
            }

            throw ErrorCodes.Create(17312, "$meta is the only expression supported by $sort right now");
        }

        if (!BsonTypeOrder.IsNumber(value))
        {
            throw ErrorCodes.Create(15974, "Illegal key in $sort specification: " + element.Name + ": " + value.ToJson());
        }

        // Like MongoDB's numberInt(), the direction is truncated: 1.5 sorts ascending, 0.5 is invalid.
        var number = Math.Truncate(BsonValueComparer.ToDouble(value));
        return number switch
        {
            1 => 1,
            -1 => -1,
            _ => throw ErrorCodes.Create(15975, "$sort key ordering must be 1 (for ascending) or -1 (for descending)"),
        };
    }
}

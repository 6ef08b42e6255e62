using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Query.Updates.Modifiers;

/// <summary>
/// The <c>$sort</c> clause of <c>$push</c>: 1/-1 orders whole elements in BSON order; a document <c>{field: ±1}</c>
/// orders by those (dotted) fields, a missing field counting as null and a non-document element as having none.
/// Like MongoDB (extractElementsBasedOnTemplate, not the find sort-key generator), a path does not fan out over
/// arrays: a non-numeric part under an array finds nothing.
/// </summary>
internal sealed class PushSort
{
    private readonly int _direction;
    private readonly List<(string[] Path, int Direction)>? _pattern;

    private PushSort(int direction, List<(string[] Path, int Direction)>? pattern)
    {
        _direction = direction;
        _pattern = pattern;
    }

    public static PushSort Parse(BsonValue spec)
    {
        const string invalid = "The $sort is invalid: use 1/-1 to sort the whole element, or {field:1/-1} to sort embedded fields";
        if (spec is BsonDocument pattern)
        {
            if (pattern.ElementCount == 0)
            {
                throw ErrorCodes.Bad("The $sort pattern is empty when it should be a set of fields.");
            }

            var fields = new List<(string[] Path, int Direction)>();
            foreach (var field in pattern)
            {
                var parts = field.Name.Split('.');
                if (parts.Any(p => p.Length == 0))
                {
                    throw ErrorCodes.Bad("The $sort field is a dotted field but has an empty part: " + field.Name);
                }

                if (!IsUnit(field.Value))
                {
                    throw ErrorCodes.Bad("The $sort element value must be either 1 or -1");
                }

                fields.Add((parts, BsonValueComparer.ToDouble(field.Value) > 0 ? 1 : -1));
            }

            return new PushSort(1, fields);
        }

        if (!IsUnit(spec))
        {
            throw ErrorCodes.Bad(invalid);
        }

        return new PushSort(BsonValueComparer.ToDouble(spec) > 0 ? 1 : -1, null);
    }

    public List<BsonValue> Sort(List<BsonValue> items)
    {
        // OrderBy is stable, so equal elements keep their relative order.
        return items.OrderBy(v => v, Comparer<BsonValue>.Create(Compare)).ToList();
    }

    private int Compare(BsonValue x, BsonValue y)
    {
        if (_pattern is null)
        {
            return _direction * BsonValueComparer.Instance.Compare(x, y);
        }

        foreach (var (path, direction) in _pattern)
        {
            var c = BsonValueComparer.Instance.Compare(Extract(x, path), Extract(y, path));
            if (c != 0)
            {
                return direction * c;
            }
        }

        return 0;
    }

    private static BsonValue Extract(BsonValue value, string[] path)
    {
        if (value is not BsonDocument)
        {
            return BsonNull.Value;
        }

        var current = value;
        foreach (var part in path)
        {
            switch (current)
            {
                case BsonDocument d when d.TryGetValue(part, out var next):
                    current = next;
                    break;
                case BsonArray a when int.TryParse(part, out var i) && i >= 0 && i < a.Count:
                    current = a[i];
                    break;
                default:
                    return BsonNull.Value;
            }
        }

        return current;
    }

    private static bool IsUnit(BsonValue v) =>
        BsonTypeOrder.IsNumber(v) && BsonValueComparer.ToDouble(v) is 1 or -1;
}

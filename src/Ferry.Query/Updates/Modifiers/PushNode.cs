using Ferry.Query.Common;
using Ferry.Query.Updates.Nodes;
using MongoDB.Bson;

namespace Ferry.Query.Updates.Modifiers;

/// <summary>
/// <c>$push</c>: appends a value, or with <c>$each</c> several values inserted at <c>$position</c>, then sorts
/// (<c>$sort</c>) and trims (<c>$slice</c>) the whole array, in that order, as MongoDB does.
/// </summary>
internal sealed class PushNode : ModifierNode
{
    private static readonly string[] Clauses = ["$each", "$slice", "$sort", "$position"];

    private readonly List<BsonValue> _values = [];
    private readonly long? _slice;
    private readonly long? _position;
    private readonly PushSort? _sort;

    public PushNode(BsonElement spec)
    {
        if (spec.Value is not BsonDocument clauses || !clauses.Contains("$each"))
        {
            _values.Add(spec.Value);
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var clause in clauses)
        {
            if (!Clauses.Contains(clause.Name))
            {
                throw ErrorCodes.Bad("Unrecognized clause in $push: " + clause.Name);
            }

            if (!seen.Add(clause.Name))
            {
                throw ErrorCodes.Bad("Only one " + clause.Name + " is supported.");
            }
        }

        if (clauses["$each"] is not BsonArray each)
        {
            throw ErrorCodes.Bad("The argument to $each in $push must be an array but it was of type: " + ShellFormat.TypeName(clauses["$each"].BsonType));
        }

        _values.AddRange(each);
        if (clauses.TryGetValue("$slice", out var slice))
        {
            _slice = Integral(slice) ?? throw ErrorCodes.Bad("The value for $slice must be an integer value but was given type: " + ShellFormat.TypeName(slice.BsonType));
        }

        if (clauses.TryGetValue("$position", out var position))
        {
            _position = Integral(position) ?? throw ErrorCodes.Bad("The value for $position must be an integer value, not of type: " + ShellFormat.TypeName(position.BsonType));
        }

        if (clauses.TryGetValue("$sort", out var sort))
        {
            _sort = PushSort.Parse(sort);
        }
    }

    public override string OperatorName => "$push";

    protected override bool AllowCreation => true;

    protected override bool UpdateExisting(ApplyContext context, ElementRef element, IReadOnlyList<string> pathTaken)
    {
        if (element.Value is not BsonArray array)
        {
            throw ErrorCodes.Bad("The field '" + element.Name + "' must be an array but is of type " + ShellFormat.TypeName(element.Value.BsonType) +
                                 " in document " + context.IdForMessages);
        }

        var before = array.DeepClone();
        Push(array);
        return !BsonIdentity.Equal(before, array);
    }

    protected override BsonValue NewElementValue(ApplyContext context)
    {
        var array = new BsonArray();
        Push(array);
        return array;
    }

    private void Push(BsonArray array)
    {
        var insertAt = array.Count;
        if (_position is { } position)
        {
            insertAt = position < 0 ? (int)Math.Max(0, array.Count + position) : (int)Math.Min(array.Count, position);
        }

        var items = array.ToList();
        items.InsertRange(insertAt, _values.Select(v => v.DeepClone()));
        if (_sort is not null)
        {
            items = _sort.Sort(items);
        }

        if (_slice is { } slice)
        {
            items = slice >= 0
                ? items.Take((int)Math.Min(slice, int.MaxValue)).ToList()
                : items.Skip((int)Math.Max(0, items.Count + slice)).ToList();
        }

        array.Clear();
        array.AddRange(items);
    }

    /// <summary>A whole number given as any numeric type (1.0 is accepted, 1.5 is not).</summary>
    private static long? Integral(BsonValue value)
    {
        switch (value.BsonType)
        {
            case BsonType.Int32:
            case BsonType.Int64:
                return value.ToInt64();
            case BsonType.Double:
                var d = value.AsDouble;
                return double.IsFinite(d) && d == Math.Floor(d) && Math.Abs(d) < 9.2e18 ? (long)d : null;
            case BsonType.Decimal128:
                var dd = BsonValueComparer.ToDouble(value);
                return double.IsFinite(dd) && dd == Math.Floor(dd) ? (long)dd : null;
            default:
                return null;
        }
    }
}

using Ferry.Query.Common;
using Ferry.Query.Updates.Nodes;
using MongoDB.Bson;

namespace Ferry.Query.Updates.Modifiers;

/// <summary><c>$addToSet</c> (optionally with <c>$each</c>): appends values not already present, by BSON equality.</summary>
internal sealed class AddToSetNode : ModifierNode
{
    private readonly List<BsonValue> _values = [];

    public AddToSetNode(BsonElement spec)
    {
        IEnumerable<BsonValue> values = [spec.Value];
        if (spec.Value is BsonDocument { ElementCount: > 0 } d && d.GetElement(0).Name == "$each")
        {
            if (d.ElementCount > 1)
            {
                throw ErrorCodes.Bad("Found unexpected fields after $each in $addToSet: " + ShellFormat.Value(d));
            }

            values = d[0] as BsonArray ?? throw ErrorCodes.Type(
                "The argument to $each in $addToSet must be an array but it was of type " + ShellFormat.TypeName(d[0].BsonType));
        }

        foreach (var value in values)
        {
            if (!_values.Any(v => BsonValueComparer.Instance.Equals(v, value)))
            {
                _values.Add(value);
            }
        }
    }

    public override string OperatorName => "$addToSet";

    protected override bool AllowCreation => true;

    protected override bool UpdateExisting(ApplyContext context, ElementRef element, IReadOnlyList<string> pathTaken)
    {
        if (element.Value is not BsonArray array)
        {
            throw ErrorCodes.Bad("Cannot apply $addToSet to non-array field. Field named '" + element.Name + "' has non-array type " +
                                 ShellFormat.TypeName(element.Value.BsonType));
        }

        var added = false;
        foreach (var value in _values)
        {
            if (!array.Any(v => BsonValueComparer.Instance.Equals(v, value)))
            {
                array.Add(value.DeepClone());
                added = true;
            }
        }

        return added;
    }

    protected override BsonValue NewElementValue(ApplyContext context) => new BsonArray(_values.Select(v => v.DeepClone()));
}

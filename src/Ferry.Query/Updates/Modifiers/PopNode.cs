using Ferry.Query.Common;
using Ferry.Query.Updates.Nodes;
using MongoDB.Bson;

namespace Ferry.Query.Updates.Modifiers;

/// <summary><c>$pop</c>: removes the first (-1) or last (1) element of an array.</summary>
internal sealed class PopNode : ModifierNode
{
    private readonly bool _fromFront;

    public PopNode(BsonElement spec)
    {
        if (!BsonTypeOrder.IsNumber(spec.Value))
        {
            throw ErrorCodes.Parse("Expected a number in: " + ShellFormat.Element(spec.Name, spec.Value));
        }

        var n = BsonValueComparer.ToDouble(spec.Value);
        if (n is not (1 or -1))
        {
            throw ErrorCodes.Parse("$pop expects 1 or -1, found: " + ShellFormat.Value(spec.Value));
        }

        _fromFront = n < 0;
    }

    public override string OperatorName => "$pop";

    protected override bool UpdateExisting(ApplyContext context, ElementRef element, IReadOnlyList<string> pathTaken)
    {
        if (element.Value is not BsonArray array)
        {
            throw ErrorCodes.Type("Path '" + PathParts.Join(pathTaken) + "' contains an element of non-array type '" +
                                  ShellFormat.TypeName(element.Value.BsonType) + "'");
        }

        if (array.Count == 0)
        {
            return false;
        }

        array.RemoveAt(_fromFront ? 0 : array.Count - 1);
        return true;
    }
}

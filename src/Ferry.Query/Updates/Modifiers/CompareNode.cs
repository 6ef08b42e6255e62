using Ferry.Query.Common;
using Ferry.Query.Updates.Nodes;
using MongoDB.Bson;

namespace Ferry.Query.Updates.Modifiers;

/// <summary><c>$min</c> and <c>$max</c>: replace the value only when the operand sorts below (above) it in BSON order.</summary>
internal sealed class CompareNode(bool max, BsonValue operand) : ModifierNode
{
    public override string OperatorName => max ? "$max" : "$min";

    protected override bool AllowCreation => true;

    protected override bool UpdateExisting(ApplyContext context, ElementRef element, IReadOnlyList<string> pathTaken)
    {
        var cmp = BsonValueComparer.Instance.Compare(element.Value, operand);
        if (cmp == 0 || (max ? cmp > 0 : cmp < 0))
        {
            return false;
        }

        element.Set(operand.DeepClone());
        return true;
    }

    protected override BsonValue NewElementValue(ApplyContext context) => operand.DeepClone();
}

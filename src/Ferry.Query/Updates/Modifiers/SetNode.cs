using Ferry.Query.Updates.Nodes;
using MongoDB.Bson;

namespace Ferry.Query.Updates.Modifiers;

/// <summary><c>$set</c> and <c>$setOnInsert</c>: writes the value; writing an identical value is a no-op.</summary>
internal sealed class SetNode(string operatorName, BsonValue value) : ModifierNode
{
    public override string OperatorName => operatorName;

    protected override bool AllowCreation => true;

    protected override bool UpdateExisting(ApplyContext context, ElementRef element, IReadOnlyList<string> pathTaken)
    {
        if (BsonIdentity.Equal(element.Value, value))
        {
            return false;
        }

        element.Set(value.DeepClone());
        return true;
    }

    protected override BsonValue NewElementValue(ApplyContext context) => value.DeepClone();
}

using Ferry.Query.Updates.Nodes;

namespace Ferry.Query.Updates.Modifiers;

/// <summary><c>$unset</c>: removes a field; inside an array the element becomes null (the array keeps its length).</summary>
internal sealed class UnsetNode : ModifierNode
{
    public override string OperatorName => "$unset";

    protected override bool AllowNonViablePath => true;

    protected override bool UpdateExisting(ApplyContext context, ElementRef element, IReadOnlyList<string> pathTaken)
    {
        element.Remove();
        return true;
    }
}

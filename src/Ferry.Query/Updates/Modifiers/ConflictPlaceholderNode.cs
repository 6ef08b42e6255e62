using Ferry.Query.Updates.Nodes;

namespace Ferry.Query.Updates.Modifiers;

/// <summary>Occupies the source path of a <c>$rename</c> so other modifiers on it conflict; does nothing itself.</summary>
internal sealed class ConflictPlaceholderNode : UpdateNode
{
    public override bool Apply(ApplyContext context, ElementRef element, List<string> pathTaken, List<string> pathToCreate) => false;
}

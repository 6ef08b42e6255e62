using Ferry.Query.Common;

namespace Ferry.Query.Updates.Nodes;

/// <summary>
/// One node of a parsed update tree (MongoDB's design): internal nodes for documents (<see cref="UpdateObjectNode"/>)
/// and for <c>$[]</c>/<c>$[id]</c> array parts (<see cref="UpdateArrayNode"/>), and a leaf per modifier path.
/// </summary>
internal abstract class UpdateNode
{
    /// <summary>Applies this node. <paramref name="element"/> is the element at <paramref name="pathTaken"/> when
    /// <paramref name="pathToCreate"/> is empty, otherwise the deepest existing element, under which
    /// <paramref name="pathToCreate"/> would have to be created. Returns true when the document changed.</summary>
    public abstract bool Apply(ApplyContext context, ElementRef element, List<string> pathTaken, List<string> pathToCreate);

    /// <summary>Merges two nodes that apply to the same element (positional <c>$</c> with a named field, or several
    /// array filters matching one element); two leaves cannot be merged.</summary>
    public static UpdateNode Merge(UpdateNode left, UpdateNode right, List<string> path)
    {
        if (left is UpdateObjectNode lo && right is UpdateObjectNode ro)
        {
            return UpdateObjectNode.Merge(lo, ro, path);
        }

        if (left is UpdateArrayNode la && right is UpdateArrayNode ra)
        {
            return UpdateArrayNode.Merge(la, ra, path);
        }

        throw ErrorCodes.Create(ErrorCodes.ConflictingUpdateOperators, "Update created a conflict at '" + PathParts.Join(path) + "'");
    }

    internal static SortedDictionary<string, UpdateNode> MergeChildren(
        SortedDictionary<string, UpdateNode> left, SortedDictionary<string, UpdateNode> right, List<string> path, bool asIdentifiers)
    {
        var merged = new SortedDictionary<string, UpdateNode>(left, FieldNameComparer.Instance);
        foreach (var (name, node) in right)
        {
            if (merged.TryGetValue(name, out var existing))
            {
                path.Add(asIdentifiers ? "$[" + name + "]" : name);
                merged[name] = Merge(existing, node, path);
                path.RemoveAt(path.Count - 1);
            }
            else
            {
                merged[name] = node;
            }
        }

        return merged;
    }
}

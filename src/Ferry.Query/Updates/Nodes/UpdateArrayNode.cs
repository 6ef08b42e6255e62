using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Query.Updates.Nodes;

/// <summary>
/// An internal node for an array level addressed with <c>$[]</c> (identifier "") or <c>$[id]</c>: each child
/// applies to every array element its array filter matches; several children matching one element are merged.
/// </summary>
internal sealed class UpdateArrayNode : UpdateNode
{
    public SortedDictionary<string, UpdateNode> Children { get; private set; } = new(FieldNameComparer.Instance);

    public static UpdateArrayNode Merge(UpdateArrayNode left, UpdateArrayNode right, List<string> path) =>
        new() { Children = MergeChildren(left.Children, right.Children, path, asIdentifiers: true) };

    public override bool Apply(ApplyContext context, ElementRef element, List<string> pathTaken, List<string> pathToCreate)
    {
        if (pathToCreate.Count > 0)
        {
            var full = PathParts.Join(pathTaken.Concat(pathToCreate));
            throw ErrorCodes.Bad("The path '" + full + "' must exist in the document in order to apply array updates.");
        }

        if (element.Value is not BsonArray array)
        {
            throw ErrorCodes.Bad("Cannot apply array updates to non-array element " + ShellFormat.Element(element.Name, element.Value));
        }

        // Decide every element's updates before changing any, as MongoDB does.
        var matches = new List<(int Index, UpdateNode Node)>();
        for (var i = 0; i < array.Count; i++)
        {
            UpdateNode? merged = null;
            foreach (var (identifier, child) in Children)
            {
                if (identifier.Length > 0 && !ArrayFilterSet.Matches(context.ArrayFilters[identifier], identifier, array[i]))
                {
                    continue;
                }

                if (merged is null)
                {
                    merged = child;
                }
                else
                {
                    var path = new List<string>(pathTaken) { i.ToString(System.Globalization.CultureInfo.InvariantCulture) };
                    merged = UpdateNode.Merge(merged, child, path);
                }
            }

            if (merged is not null)
            {
                matches.Add((i, merged));
            }
        }

        var modified = false;
        foreach (var (index, node) in matches)
        {
            pathTaken.Add(index.ToString(System.Globalization.CultureInfo.InvariantCulture));
            modified |= node.Apply(context, ElementRef.ForItem(array, index), pathTaken, pathToCreate);
            pathTaken.RemoveAt(pathTaken.Count - 1);
        }

        return modified;
    }
}

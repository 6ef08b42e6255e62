using Ferry.Query.Common;

namespace Ferry.Query.Updates.Nodes;

/// <summary>
/// An internal node for a document level of the update paths. Children apply in the UTF-8 order of their field
/// names, as in MongoDB, which is why fields created by one update appear in that order; the positional <c>$</c>
/// child applies at the place of the matched array index.
/// </summary>
internal sealed class UpdateObjectNode : UpdateNode
{
    public SortedDictionary<string, UpdateNode> Children { get; private set; } = new(FieldNameComparer.Instance);

    public UpdateNode? Positional { get; set; }

    public UpdateNode? GetChild(string field) =>
        PathParts.IsPositional(field) ? Positional : Children.GetValueOrDefault(field);

    public void SetChild(string field, UpdateNode child)
    {
        if (PathParts.IsPositional(field))
        {
            Positional = child;
        }
        else
        {
            Children[field] = child;
        }
    }

    public static UpdateObjectNode Merge(UpdateObjectNode left, UpdateObjectNode right, List<string> path)
    {
        var merged = new UpdateObjectNode { Children = MergeChildren(left.Children, right.Children, path, asIdentifiers: false) };
        if (left.Positional is not null && right.Positional is not null)
        {
            path.Add("$");
            merged.Positional = UpdateNode.Merge(left.Positional, right.Positional, path);
            path.RemoveAt(path.Count - 1);
        }
        else
        {
            merged.Positional = left.Positional ?? right.Positional;
        }

        return merged;
    }

    public override bool Apply(ApplyContext context, ElementRef element, List<string> pathTaken, List<string> pathToCreate)
    {
        var applyPositional = Positional is not null;
        var matched = context.MatchedField;
        if (applyPositional && string.IsNullOrEmpty(matched))
        {
            throw ErrorCodes.Bad("The positional operator did not find the match needed from the query.");
        }

        var modified = false;
        foreach (var (field, child) in Children)
        {
            if (applyPositional && field == matched)
            {
                var fullPath = new List<string>(pathTaken);
                fullPath.AddRange(pathToCreate);
                fullPath.Add(field);
                var mergedChild = UpdateNode.Merge(Positional!, child, fullPath);
                modified |= ApplyChild(context, mergedChild, field, ref element, pathTaken, pathToCreate);
                applyPositional = false;
                continue;
            }

            if (applyPositional && FieldNameComparer.Instance.Compare(field, matched) > 0)
            {
                modified |= ApplyChild(context, Positional!, matched!, ref element, pathTaken, pathToCreate);
                applyPositional = false;
            }

            modified |= ApplyChild(context, child, field, ref element, pathTaken, pathToCreate);
        }

        if (applyPositional)
        {
            modified |= ApplyChild(context, Positional!, matched!, ref element, pathTaken, pathToCreate);
        }

        return modified;
    }

    /// <summary>Applies <paramref name="child"/> to the child <paramref name="field"/> of <paramref name="element"/>;
    /// when the child created the missing path, moves on to the created element so later siblings find it.</summary>
    private static bool ApplyChild(ApplyContext context, UpdateNode child, string field, ref ElementRef element, List<string> pathTaken, List<string> pathToCreate)
    {
        var takenBefore = pathTaken.Count;
        ElementRef? childElement = pathToCreate.Count == 0 ? element.Child(field) : null;
        if (childElement is not null)
        {
            pathTaken.Add(field);
        }
        else
        {
            childElement = element;
            pathToCreate.Add(field);
        }

        var modified = child.Apply(context, childElement, pathTaken, pathToCreate);

        if (pathToCreate.Count > 0)
        {
            pathToCreate.RemoveAt(pathToCreate.Count - 1);
        }
        else
        {
            pathTaken.RemoveAt(pathTaken.Count - 1);
        }

        if (pathTaken.Count > takenBefore)
        {
            for (var i = takenBefore; i < pathTaken.Count; i++)
            {
                element = element.Child(pathTaken[i]) ?? throw new InvalidOperationException("update path vanished");
            }
        }
        else if (pathToCreate.Count > 0 && element.Child(pathToCreate[0]) is { } created)
        {
            element = created;
            pathTaken.Add(pathToCreate[0]);
            for (var i = 1; i < pathToCreate.Count; i++)
            {
                element = element.Child(pathToCreate[i]) ?? throw new InvalidOperationException("update path partly created");
                pathTaken.Add(pathToCreate[i]);
            }

            pathToCreate.Clear();
        }

        return modified;
    }
}

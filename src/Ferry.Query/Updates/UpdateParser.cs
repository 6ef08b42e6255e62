using Ferry.Query.Common;
using Ferry.Query.Filters;
using Ferry.Query.Updates.Modifiers;
using Ferry.Query.Updates.Nodes;
using MongoDB.Bson;

namespace Ferry.Query.Updates;

/// <summary>
/// Turns an update document (<c>{$set: {...}, $inc: {...}}</c>) into the update tree, with MongoDB's parse-time
/// errors: unknown modifiers, empty operands, bad paths, conflicting paths (40) and unused array filters.
/// </summary>
internal static class UpdateParser
{
    private static readonly HashSet<string> Modifiers = new(StringComparer.Ordinal)
    {
        "$set", "$unset", "$rename", "$inc", "$mul", "$min", "$max", "$currentDate", "$setOnInsert",
        "$push", "$addToSet", "$pop", "$pull", "$pullAll", "$bit",
    };

    public static UpdateObjectNode Parse(BsonDocument update, IReadOnlyDictionary<string, FilterMatcher> arrayFilters, QueryContext context)
    {
        var root = new UpdateObjectNode();
        var usedIdentifiers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var modifier in update)
        {
            if (!Modifiers.Contains(modifier.Name))
            {
                throw ErrorCodes.Parse("Unknown modifier: " + modifier.Name +
                                       ". Expected a valid update modifier or pipeline-style update specified as an array");
            }

            if (modifier.Value is not BsonDocument fields)
            {
                throw ErrorCodes.Parse("Modifiers operate on fields but we found type " + ShellFormat.TypeName(modifier.Value.BsonType) +
                                       " instead. For example: {$mod: {<field>: ...}} not {" + ShellFormat.Element(modifier.Name, modifier.Value) + "}");
            }

            if (fields.ElementCount == 0)
            {
                throw ErrorCodes.Parse("'" + modifier.Name + "' is empty. You must specify a field like so: {" + modifier.Name +
                                       ": {<field_name>: ...}}");
            }

            foreach (var field in fields)
            {
                if (modifier.Name == "$rename")
                {
                    ParseRename(root, field, arrayFilters, usedIdentifiers);
                }
                else
                {
                    Merge(root, field.Name, () => CreateLeaf(modifier.Name, field, context), arrayFilters, usedIdentifiers);
                }
            }
        }

        foreach (var identifier in arrayFilters.Keys)
        {
            if (!usedIdentifiers.Contains(identifier))
            {
                throw ErrorCodes.Parse("The array filter for identifier '" + identifier + "' was not used in the update " + ShellFormat.Value(update));
            }
        }

        return root;
    }

    private static void ParseRename(UpdateObjectNode root, BsonElement field, IReadOnlyDictionary<string, FilterMatcher> arrayFilters, HashSet<string> used)
    {
        Merge(root, field.Name, () => new ConflictPlaceholderNode(), arrayFilters, used);
        if (field.Value is not BsonString to)
        {
            throw ErrorCodes.Bad("The 'to' field for $rename must be a string: " + ShellFormat.Element(field.Name, field.Value));
        }

        Merge(root, to.Value, () => new RenameNode(field.Name, to.Value, field), arrayFilters, used);
    }

    private static UpdateNode CreateLeaf(string modifier, BsonElement field, QueryContext context) => modifier switch
    {
        "$set" => new SetNode("$set", field.Value),
        "$setOnInsert" => new SetNode("$setOnInsert", field.Value) { InsertOnly = true },
        "$unset" => new UnsetNode(),
        "$inc" => new ArithmeticNode(multiply: false, field),
        "$mul" => new ArithmeticNode(multiply: true, field),
        "$min" => new CompareNode(max: false, field.Value),
        "$max" => new CompareNode(max: true, field.Value),
        "$currentDate" => new CurrentDateNode(field),
        "$push" => new PushNode(field),
        "$addToSet" => new AddToSetNode(field),
        "$pop" => new PopNode(field),
        "$pull" => PullNode.Pull(field, context),
        "$pullAll" => PullNode.PullAll(field),
        "$bit" => new BitNode(field),
        _ => throw ErrorCodes.Parse("Unknown modifier: " + modifier),
    };

    /// <summary>Checks the path, then adds the leaf under the internal nodes along it (MongoDB's parseAndMerge).</summary>
    private static void Merge(UpdateObjectNode root, string path, Func<UpdateNode> createLeaf, IReadOnlyDictionary<string, FilterMatcher> arrayFilters, HashSet<string> used)
    {
        var parts = PathParts.Split(path);
        if (path.Length == 0)
        {
            throw ErrorCodes.Create(ErrorCodes.EmptyFieldName, "An empty update path is not valid.");
        }

        if (parts.Any(p => p.Length == 0))
        {
            throw ErrorCodes.Create(ErrorCodes.EmptyFieldName, "The update path '" + path + "' contains an empty field name, which is not allowed.");
        }

        var positionalCount = parts.Count(PathParts.IsPositional);
        if (positionalCount > 1)
        {
            throw ErrorCodes.Bad("Too many positional (i.e. '$') elements found in path '" + path + "'");
        }

        if (positionalCount == 1 && PathParts.IsPositional(parts[0]))
        {
            throw ErrorCodes.Bad("Cannot have positional (i.e. '$') element in the first position in path '" + path + "'");
        }

        var leaf = createLeaf();
        UpdateNode current = root;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            var name = ChildName(parts, i, path, arrayFilters, used);
            var child = GetChild(current, name);
            var shouldBeArrayNode = PathParts.IsArrayFilterIdentifier(parts[i + 1]);
            if (child is not null)
            {
                if (shouldBeArrayNode ? child is not UpdateArrayNode : child is not UpdateObjectNode)
                {
                    throw Conflict(path, string.Join('.', parts.Take(i + 1)));
                }
            }
            else
            {
                child = shouldBeArrayNode ? new UpdateArrayNode() : new UpdateObjectNode();
                SetChild(current, name, child);
            }

            current = child;
        }

        var last = ChildName(parts, parts.Length - 1, path, arrayFilters, used);
        if (GetChild(current, last) is not null)
        {
            throw Conflict(path, path);
        }

        SetChild(current, last, leaf);
    }

    private static string ChildName(string[] parts, int index, string path, IReadOnlyDictionary<string, FilterMatcher> arrayFilters, HashSet<string> used)
    {
        var part = parts[index];
        if (!PathParts.IsArrayFilterIdentifier(part))
        {
            return part;
        }

        if (index == 0)
        {
            throw ErrorCodes.Bad("Cannot have array filter identifier (i.e. '$[<id>]') element in the first position in path '" + path + "'");
        }

        var identifier = PathParts.IdentifierOf(part);
        if (identifier.Length > 0)
        {
            if (!arrayFilters.ContainsKey(identifier))
            {
                throw ErrorCodes.Bad("No array filter found for identifier '" + identifier + "' in path '" + path + "'");
            }

            used.Add(identifier);
        }

        return identifier;
    }

    private static UpdateNode? GetChild(UpdateNode node, string name) => node switch
    {
        UpdateObjectNode o => o.GetChild(name),
        UpdateArrayNode a => a.Children.GetValueOrDefault(name),
        _ => null,
    };

    private static void SetChild(UpdateNode node, string name, UpdateNode child)
    {
        if (node is UpdateObjectNode o)
        {
            o.SetChild(name, child);
        }
        else
        {
            ((UpdateArrayNode)node).Children[name] = child;
        }
    }

    private static MqlException Conflict(string path, string at) =>
        ErrorCodes.Create(ErrorCodes.ConflictingUpdateOperators, "Updating the path '" + path + "' would create a conflict at '" + at + "'");
}

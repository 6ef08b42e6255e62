using Ferry.Query.Common;
using Ferry.Query.Updates.Nodes;
using MongoDB.Bson;

namespace Ferry.Query.Updates.Modifiers;

/// <summary>
/// <c>$rename</c>, placed in the tree at its destination path (the source path holds a
/// <see cref="ConflictPlaceholderNode"/>): finds the source in the document, sets the destination to its value, then
/// removes the source. Neither path may go through an array; a missing source is a no-op.
/// </summary>
internal sealed class RenameNode : UpdateNode
{
    private readonly string[] _from;
    private readonly string _fromPath;
    private readonly string _toPath;

    public RenameNode(string from, string to, BsonElement spec)
    {
        _fromPath = from;
        _toPath = to;
        _from = PathParts.Split(from);
        var toParts = PathParts.Split(to);
        var quoted = "{" + ShellFormat.Element(spec.Name, spec.Value) + "}";
        if (from == to)
        {
            throw ErrorCodes.Bad("The source and target field for $rename must differ: " + quoted);
        }

        if (IsPrefix(_from, toParts) || IsPrefix(toParts, _from))
        {
            throw ErrorCodes.Bad("The source and target field for $rename must not be on the same path: " + quoted);
        }

        if (_from.Any(p => PathParts.IsPositional(p) || PathParts.IsArrayFilterIdentifier(p)))
        {
            throw ErrorCodes.Bad("The source field for $rename may not be dynamic: " + from);
        }

        if (toParts.Any(p => PathParts.IsPositional(p) || PathParts.IsArrayFilterIdentifier(p)))
        {
            throw ErrorCodes.Bad("The destination field for $rename may not be dynamic: " + to);
        }
    }

    public override bool Apply(ApplyContext context, ElementRef element, List<string> pathTaken, List<string> pathToCreate)
    {
        var source = FindSource(context.Document);
        if (source is null)
        {
            return false;
        }

        // The destination may not go through an array (its last existing part may be one only when it is replaced).
        CheckDestination(context.Document, pathTaken, pathToCreate.Count == 0);

        if (_from[0] == "_id" || (pathTaken.Count + pathToCreate.Count > 0 && (pathTaken.Count > 0 ? pathTaken[0] : pathToCreate[0]) == "_id"))
        {
            var path = _from[0] == "_id" ? "_id" : _toPath;
            throw ErrorCodes.Create(ErrorCodes.ImmutableField, "Performing an update on the path '" + path + "' would modify the immutable field '_id'");
        }

        var value = source.Value.DeepClone();
        if (pathToCreate.Count == 0)
        {
            element.Set(value);
            if (context.ValidateForStorage)
            {
                StorageValidation.CheckUpdatedElement(element.Name, pathTaken.Count, element.IsArrayItem);
            }
        }
        else
        {
            var (name, _) = PathCreation.Create(element, pathToCreate, value);
            if (context.ValidateForStorage)
            {
                StorageValidation.CheckUpdatedElement(name, pathTaken.Count + 1, false);
            }
        }

        source.Remove();
        return true;
    }

    private ElementRef? FindSource(BsonDocument document)
    {
        var current = ElementRef.ForRoot(document);
        var parents = new List<BsonValue>();
        for (var i = 0; i < _from.Length; i++)
        {
            var value = current.Value;
            if (value is not BsonDocument && !(value is BsonArray && PathParts.TryParseIndex(_from[i], out _)))
            {
                if (i == 0)
                {
                    return null;
                }

                throw ErrorCodes.Create(ErrorCodes.PathNotViable,
                    "cannot use the part (" + _from[i - 1] + " of " + _fromPath + ") to traverse the element ({" +
                    ShellFormat.Element(current.Name, value) + "})");
            }

            parents.Add(value);
            var next = current.Child(_from[i]);
            if (next is null)
            {
                return null;
            }

            current = next;
        }

        if (parents.Any(p => p is BsonArray))
        {
            throw ErrorCodes.Bad("The source field cannot be an array element, '" + _fromPath + "' in doc with " +
                                 _from[0] + " field");
        }

        return current;
    }

    private void CheckDestination(BsonDocument document, List<string> pathTaken, bool targetExists)
    {
        var current = ElementRef.ForRoot(document);
        var count = targetExists ? pathTaken.Count - 1 : pathTaken.Count;
        for (var i = 0; i < count; i++)
        {
            current = current.Child(pathTaken[i])!;
            if (current.Value is BsonArray)
            {
                throw ErrorCodes.Bad("The destination field cannot be an array element, '" + _toPath + "' in doc with " +
                                     pathTaken[i] + " field");
            }
        }
    }

    private static bool IsPrefix(string[] prefix, string[] path) =>
        prefix.Length < path.Length && prefix.SequenceEqual(path.Take(prefix.Length));
}

using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Query.Updates.Nodes;

/// <summary>
/// A leaf of the update tree: one modifier ($set, $inc, …) at one path. Splits the work as MongoDB does into
/// changing an existing element and creating a missing one, and enforces the immutable <c>_id</c>.
/// </summary>
internal abstract class ModifierNode : UpdateNode
{
    /// <summary>The modifier name, for error messages.</summary>
    public abstract string OperatorName { get; }

    /// <summary>True for <c>$setOnInsert</c>: applies only when building an upsert document.</summary>
    public bool InsertOnly { get; init; }

    /// <summary>Whether a missing path is created ($set, $inc, $push …) or left alone ($unset, $pop, $pull …).</summary>
    protected virtual bool AllowCreation => false;

    /// <summary>For modifiers that do not create: whether a path that could never exist is an error.</summary>
    protected virtual bool AllowNonViablePath => false;

    /// <summary>Changes the existing element; returns false for a no-op.</summary>
    protected abstract bool UpdateExisting(ApplyContext context, ElementRef element, IReadOnlyList<string> pathTaken);

    /// <summary>The value a missing element is created with.</summary>
    protected virtual BsonValue NewElementValue(ApplyContext context) => throw new NotSupportedException(OperatorName + " does not create fields");

    public override bool Apply(ApplyContext context, ElementRef element, List<string> pathTaken, List<string> pathToCreate)
    {
        if (InsertOnly && !context.IsInsert)
        {
            return false;
        }

        return pathToCreate.Count > 0
            ? ApplyToMissing(context, element, pathTaken, pathToCreate)
            : ApplyToExisting(context, element, pathTaken);
    }

    private bool ApplyToExisting(ApplyContext context, ElementRef element, List<string> pathTaken)
    {
        if (!UpdateExisting(context, element, pathTaken))
        {
            return false;
        }

        if (pathTaken[0] == "_id")
        {
            throw ErrorCodes.Create(ErrorCodes.ImmutableField,
                "Performing an update on the path '" + PathParts.Join(pathTaken) + "' would modify the immutable field '_id'");
        }

        if (context.ValidateForStorage)
        {
            StorageValidation.CheckUpdatedElement(element.Name, pathTaken.Count, element.IsArrayItem);
        }

        return true;
    }

    private bool ApplyToMissing(ApplyContext context, ElementRef element, List<string> pathTaken, List<string> pathToCreate)
    {
        if (!AllowCreation)
        {
            if (!AllowNonViablePath)
            {
                PathCreation.CheckViability(element, pathToCreate, pathTaken);
            }

            return false;
        }

        var value = NewElementValue(context);
        var (name, _) = PathCreation.Create(element, pathToCreate, value);
        if (context.ValidateForStorage)
        {
            StorageValidation.CheckUpdatedElement(name, pathTaken.Count + 1, element.Value is BsonArray);
        }

        if (pathTaken.Count > 0 && pathTaken[0] == "_id")
        {
            throw ErrorCodes.Create(ErrorCodes.ImmutableField,
                "Updating the path '" + PathParts.Join(pathTaken) + "' to " + ShellFormat.Element(element.Name, element.Value) +
                " would modify the immutable field '_id'");
        }

        return true;
    }
}

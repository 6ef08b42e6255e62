using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Query.Updates.Nodes;

/// <summary>
/// Creates a missing path below the deepest existing element, as MongoDB's pathsupport::createPathAt: intermediate
/// documents are created, a numeric part under an array pads it with nulls, and anything else is PathNotViable.
/// </summary>
internal static class PathCreation
{
    /// <summary>MongoDB refuses to pad an array by more than this many nulls.</summary>
    public const int MaxPadding = 1_500_000;

    /// <summary>Creates <paramref name="pathToCreate"/> under <paramref name="element"/> ending in
    /// <paramref name="leafValue"/>; returns the name and value of the first element created.</summary>
    public static (string Name, BsonValue Value) Create(ElementRef element, IReadOnlyList<string> pathToCreate, BsonValue leafValue)
    {
        var first = pathToCreate[0];
        BsonValue built = leafValue;
        for (var i = pathToCreate.Count - 1; i >= 1; i--)
        {
            built = new BsonDocument(pathToCreate[i], built);
        }

        switch (element.Value)
        {
            case BsonDocument doc:
                doc.Add(first, built);
                return (first, built);
            case BsonArray array when PathParts.TryParseIndex(first, out var index):
                if (index - array.Count > MaxPadding)
                {
                    throw new MqlException(CannotBackfillArray, nameof(CannotBackfillArray), "can't backfill more than " + MaxPadding + " elements");
                }

                while (array.Count < index)
                {
                    array.Add(BsonNull.Value);
                }

                array.Add(built);
                return (first, built);
            default:
                throw ErrorCodes.Create(ErrorCodes.PathNotViable,
                    "Cannot create field '" + first + "' in element {" + ShellFormat.Element(element.Name, element.Value) + "}");
        }
    }

    /// <summary>For modifiers that never create paths: a missing path is fine, but not one that could not exist.</summary>
    public static void CheckViability(ElementRef element, IReadOnlyList<string> pathToCreate, IReadOnlyList<string> pathTaken)
    {
        var value = element.Value;
        if (value is BsonDocument || (value is BsonArray && PathParts.TryParseIndex(pathToCreate[0], out _)))
        {
            return;
        }

        throw ErrorCodes.Create(ErrorCodes.PathNotViable,
            "Cannot use the part (" + pathToCreate[0] + ") of (" + PathParts.Join(pathTaken.Concat(pathToCreate)) +
            ") to traverse the element ({" + ShellFormat.Element(element.Name, value) + "})");
    }

    private const int CannotBackfillArray = 34;
}

using MongoDB.Bson;

namespace Ferry.Query.Updates.Nodes;

/// <summary>
/// A handle on one existing element of the document being updated: the root, a field of a document or an item of
/// an array. Update nodes read and replace values through it so that a replaced value keeps its position.
/// </summary>
internal sealed class ElementRef
{
    private ElementRef(BsonDocument? root, BsonDocument? parentDocument, string name, BsonArray? parentArray, int index)
    {
        Root = root;
        ParentDocument = parentDocument;
        Name = name;
        ParentArray = parentArray;
        Index = index;
    }

    public BsonDocument? Root { get; }

    public BsonDocument? ParentDocument { get; }

    public BsonArray? ParentArray { get; }

    /// <summary>The field name, or the index as text for an array item, or "" for the root.</summary>
    public string Name { get; }

    public int Index { get; }

    public bool IsRoot => Root is not null;

    public bool IsArrayItem => ParentArray is not null;

    public BsonValue Value => Root ?? (ParentDocument is not null ? ParentDocument[Name] : ParentArray![Index]);

    public static ElementRef ForRoot(BsonDocument root) => new(root, null, "", null, -1);

    public static ElementRef ForField(BsonDocument parent, string name) => new(null, parent, name, null, -1);

    public static ElementRef ForItem(BsonArray parent, int index) =>
        new(null, null, index.ToString(System.Globalization.CultureInfo.InvariantCulture), parent, index);

    /// <summary>The existing child named <paramref name="part"/> (a field, or an index into an array), or null.</summary>
    public ElementRef? Child(string part)
    {
        switch (Value)
        {
            case BsonDocument d when d.Contains(part):
                return ForField(d, part);
            case BsonArray a when PathParts.TryParseIndex(part, out var i) && i < a.Count:
                return ForItem(a, i);
            default:
                return null;
        }
    }

    public void Set(BsonValue value)
    {
        if (ParentDocument is not null)
        {
            ParentDocument[Name] = value;
        }
        else if (ParentArray is not null)
        {
            ParentArray[Index] = value;
        }
        else
        {
            throw new InvalidOperationException("the root document cannot be replaced by an update node");
        }
    }

    /// <summary>Removes a field; an array item becomes null, as MongoDB's $unset does inside arrays.</summary>
    public void Remove()
    {
        if (ParentDocument is not null)
        {
            ParentDocument.Remove(Name);
        }
        else if (ParentArray is not null)
        {
            ParentArray[Index] = BsonNull.Value;
        }
    }
}

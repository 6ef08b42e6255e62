using MongoDB.Bson;

namespace Ferry.Query.Aggregation;

/// <summary>Reading and writing dotted paths through embedded documents only (no array traversal), copying
/// every document along a written path so input documents are never changed.</summary>
internal static class DocumentPaths
{
    public static BsonValue? Get(BsonDocument document, string[] path)
    {
        BsonValue current = document;
        foreach (var part in path)
        {
            if (current is not BsonDocument d || !d.TryGetValue(part, out current!))
            {
                return null;
            }
        }

        return current;
    }

    /// <summary>A copy of <paramref name="document"/> with the path set (null = removed).</summary>
    public static BsonDocument With(BsonDocument document, string[] path, BsonValue? value)
    {
        var copy = new BsonDocument(document);
        Set(copy, path, 0, value);
        return copy;
    }

    private static void Set(BsonDocument target, string[] path, int index, BsonValue? value)
    {
        var name = path[index];
        if (index == path.Length - 1)
        {
            if (value is null)
            {
                target.Remove(name);
            }
            else
            {
                target[name] = value;
            }

            return;
        }

        var child = target.TryGetValue(name, out var existing) && existing is BsonDocument d ? new BsonDocument(d) : new BsonDocument();
        Set(child, path, index + 1, value);
        target[name] = child;
    }
}

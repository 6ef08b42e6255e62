using MongoDB.Bson;

namespace Ferry.Core.Validation;

/// <summary>Reads a dotted path (<c>profile.email</c>, <c>items.0.sku</c>) through embedded documents and array indexes.</summary>
public static class FieldPath
{
    /// <summary>The value at <paramref name="path"/>, or null when any part is missing.</summary>
    public static BsonValue? Get(BsonDocument document, string path)
    {
        BsonValue current = document;
        foreach (var part in path.Split('.'))
        {
            switch (current)
            {
                case BsonDocument d when d.TryGetValue(part, out var next):
                    current = next;
                    break;
                case BsonArray a when int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i) && i < a.Count:
                    current = a[i];
                    break;
                default:
                    return null;
            }
        }

        return current;
    }
}

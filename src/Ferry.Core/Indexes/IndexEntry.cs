using MongoDB.Bson;

namespace Ferry.Core.Indexes;

/// <summary>One index as <c>ferry indexes list|usage|unused</c> reports it: its spec, size and usage counter.</summary>
public sealed record IndexEntry(string Collection, BsonDocument Spec, long SizeBytes, long? Operations, DateTime? Since)
{
    public string Name => Spec.GetValue("name", "").AsString;

    public BsonDocument Key => Spec.GetValue("key", new BsonDocument()).AsBsonDocument;

    public bool IsUnique => Spec.TryGetValue("unique", out var unique) && unique.ToBoolean();

    public bool IsIdIndex => Name == "_id_";

    /// <summary>What the index enforces or how it is built, for the table: unique, sparse, partial, TTL.</summary>
    public IReadOnlyList<string> Properties =>
    [
        .. IsUnique ? ["unique"] : Array.Empty<string>(),
        .. Spec.Contains("sparse") && Spec["sparse"].ToBoolean() ? ["sparse"] : Array.Empty<string>(),
        .. Spec.Contains("partialFilterExpression") ? ["partial"] : Array.Empty<string>(),
        .. Spec.Contains("expireAfterSeconds") ? [$"ttl {Spec["expireAfterSeconds"]}s"] : Array.Empty<string>(),
    ];

    public BsonDocument ToBson()
    {
        var document = new BsonDocument
        {
            { "collection", Collection },
            { "name", Name },
            { "key", Key },
            { "unique", IsUnique },
            { "properties", new BsonArray(Properties) },
            { "size_bytes", SizeBytes },
            { "ops", Operations.HasValue ? Operations.Value : BsonNull.Value },
            { "since", Since.HasValue ? Since.Value : BsonNull.Value },
        };
        if (Spec.TryGetValue("partialFilterExpression", out var partial))
        {
            document["partial_filter"] = partial;
        }

        return document;
    }
}

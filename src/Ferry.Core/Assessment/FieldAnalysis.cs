using MongoDB.Bson;

namespace Ferry.Core.Assessment;

/// <summary>One field path of a collection as the sample shows it.</summary>
public sealed record FieldAnalysis(string Path, long Documents, double Share, IReadOnlyList<TypeShare> Types)
{
    /// <summary>True when every sampled document holds the path (always present), false when some lack it (optional).</summary>
    public bool Always { get; init; }

    /// <summary>For an array path, the types of its elements (the <c>path[]</c> profile).</summary>
    public IReadOnlyList<TypeShare> ArrayElementTypes { get; init; } = [];

    /// <summary>Example values; <see cref="SecretFields.Redacted"/> for fields that look secret.</summary>
    public IReadOnlyList<BsonValue> Examples { get; init; } = [];

    /// <summary>The distinct string values, when there are few (an enum candidate); null otherwise.</summary>
    public IReadOnlyList<string>? Values { get; init; }

    public bool Secret { get; init; }

    public BsonDocument ToBson()
    {
        var document = new BsonDocument
        {
            { "path", Path },
            { "documents", Documents },
            { "share", Math.Round(Share, 4) },
            { "presence", Always ? "always" : "optional" },
            { "types", new BsonArray(Types.Select(t => t.ToBson())) },
        };
        if (ArrayElementTypes.Count > 0)
        {
            document["arrayElementTypes"] = new BsonArray(ArrayElementTypes.Select(t => t.ToBson()));
        }

        document["examples"] = new BsonArray(Examples);
        if (Values is not null)
        {
            document["values"] = new BsonArray(Values);
        }

        if (Secret)
        {
            document["secret"] = true;
        }

        return document;
    }
}

/// <summary>A BSON type (MongoDB's alias) and the documents (and their share) holding a value of it at a path.</summary>
public sealed record TypeShare(string Type, long Documents, double Share)
{
    public BsonDocument ToBson() => new() { { "type", Type }, { "documents", Documents }, { "share", Math.Round(Share, 4) } };
}

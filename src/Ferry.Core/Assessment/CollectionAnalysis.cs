using MongoDB.Bson;

namespace Ferry.Core.Assessment;

/// <summary>Everything analyze found about one collection: volumes, indexes, validator, inferred schema, complexity.</summary>
public sealed record CollectionAnalysis(string Name, long Count, long DataSize, long StorageSize, long IndexSize, long AverageDocumentSize)
{
    /// <summary>The largest document seen (in the sample, or in the whole collection when it was scanned).</summary>
    public long MaxDocumentSize { get; init; }

    /// <summary>Documents the schema was inferred from; equal to <see cref="Count"/> when every document was read.</summary>
    public long Sampled { get; init; }

    /// <summary>Sampled documents larger than the large-document threshold.</summary>
    public long LargeDocuments { get; init; }

    /// <summary>Sampled documents carrying a demo marker (<c>is_demo: true</c>, an example.com address).</summary>
    public long DemoMarkedDocuments { get; init; }

    public int MaxDepth { get; init; }

    public bool PathsTruncated { get; init; }

    public IReadOnlyList<IndexAnalysis> Indexes { get; init; } = [];

    public BsonDocument? Validator { get; init; }

    public IReadOnlyList<FieldAnalysis> Fields { get; init; } = [];

    public Complexity Complexity { get; init; } = new(0, []);

    /// <summary>The guide's migration kinds this collection's shape calls for, each with its reason.</summary>
    public IReadOnlyList<string> MigrationKinds { get; init; } = [];

    public BsonDocument ToBson() => new()
    {
        { "name", Name },
        { "count", Count },
        { "dataSize", DataSize },
        { "storageSize", StorageSize },
        { "indexSize", IndexSize },
        { "avgDocSize", AverageDocumentSize },
        { "maxDocSize", MaxDocumentSize },
        { "sampled", Sampled },
        { "largeDocuments", LargeDocuments },
        { "demoMarkedDocuments", DemoMarkedDocuments },
        { "maxDepth", MaxDepth },
        { "pathsTruncated", PathsTruncated },
        { "indexes", new BsonArray(Indexes.Select(i => i.ToBson())) },
        { "validator", (BsonValue?)Validator ?? BsonNull.Value },
        { "fields", new BsonArray(Fields.Select(f => f.ToBson())) },
        { "complexity", Complexity.ToBson() },
        { "migrationKinds", new BsonArray(MigrationKinds) },
    };

    /// <summary>Reads back the volumes of an analysis file (what <c>ferry plan --analysis</c> needs).</summary>
    public static CollectionAnalysis FromBson(BsonDocument document) => new(
        document["name"].AsString,
        document["count"].ToInt64(),
        document["dataSize"].ToInt64(),
        document.GetValue("storageSize", 0).ToInt64(),
        document.GetValue("indexSize", 0).ToInt64(),
        document.GetValue("avgDocSize", 0).ToInt64())
    {
        MaxDocumentSize = document.GetValue("maxDocSize", 0).ToInt64(),
        Sampled = document.GetValue("sampled", 0).ToInt64(),
    };
}

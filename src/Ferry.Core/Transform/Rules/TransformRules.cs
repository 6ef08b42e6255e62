using MongoDB.Bson;

namespace Ferry.Core.Transform.Rules;

/// <summary>A parsed transformation rules file (format: docs/transform.md). Data first: checked and printable before a run.</summary>
public sealed record TransformRules(string Source, IReadOnlyList<CollectionMapping> Collections, PasswordHashing Hashing)
{
    /// <summary>Filters that find demo data per source collection (for <c>ferry demo identify|remove</c>).</summary>
    public IReadOnlyDictionary<string, BsonDocument> DemoMarkers { get; init; } = new Dictionary<string, BsonDocument>();

    /// <summary>SHA-256 of the file's text, recorded in the run journal.</summary>
    public string Checksum { get; init; } = string.Empty;
}

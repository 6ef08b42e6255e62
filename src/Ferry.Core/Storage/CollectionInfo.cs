using MongoDB.Bson;

namespace Ferry.Core.Storage;

/// <summary>A collection as listCollections reports it.</summary>
public sealed record CollectionInfo(string Name, string Type, BsonDocument Options)
{
    /// <summary>The collection UUID as 32 hex digits, where the store keeps one.</summary>
    public string? Uuid { get; init; }
}

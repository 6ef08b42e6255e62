using MongoDB.Bson;

namespace Ferry.Core.Storage;

/// <summary>A collection as listCollections reports it.</summary>
public sealed record CollectionInfo(string Name, string Type, BsonDocument Options)
{
    /// <summary>The collection UUID as 32 hex digits, where the store keeps one.</summary>
    public string? Uuid { get; init; }
}

public sealed record CollectionStats(
    string Namespace,
    long Count,
    long DataSize,
    long AverageObjectSize,
    long StorageSize,
    int IndexCount,
    long TotalIndexSize,
    IReadOnlyDictionary<string, long> IndexSizes);

public sealed record DatabaseStats(
    string Database,
    int Collections,
    long Objects,
    long DataSize,
    long StorageSize,
    int Indexes,
    long IndexSize);

public sealed record IndexUsage(string Name, long Operations, DateTime? Since);

/// <summary>Facts about the server behind a store.</summary>
public sealed record ServerInfo(string Kind, string Version, string Topology)
{
    /// <summary>Extra facts (replica set name, shard list, SQLite version, …).</summary>
    public BsonDocument Details { get; init; } = new();
}

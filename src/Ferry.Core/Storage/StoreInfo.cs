using MongoDB.Bson;

namespace Ferry.Core.Storage;

/// <summary>What a store can do beyond the common contract, so features pick the best path.</summary>
public sealed record StoreCapabilities
{
    /// <summary>Aggregation with <c>$merge</c>/<c>$out</c> runs on the server (MongoDB), so a transform that
    /// compiles to a pipeline is done by the cluster; otherwise Ferry streams client-side.</summary>
    public bool ServerSideMerge { get; init; }

    /// <summary>Multi-document transactions.</summary>
    public bool Transactions { get; init; }

    /// <summary>Index usage counters are real (not zero placeholders).</summary>
    public bool IndexUsageStats { get; init; }

    /// <summary>The store accepts any aggregation stage (MongoDB) rather than Ferry's documented subset.</summary>
    public bool FullAggregation { get; init; }
}

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

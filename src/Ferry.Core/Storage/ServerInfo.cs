using MongoDB.Bson;

namespace Ferry.Core.Storage;

/// <summary>Facts about the server behind a store.</summary>
public sealed record ServerInfo(string Kind, string Version, string Topology)
{
    /// <summary>Extra facts (replica set name, shard list, SQLite version, …).</summary>
    public BsonDocument Details { get; init; } = new();
}

using MongoDB.Bson;

namespace Ferry.Core.Transform;

/// <summary>A source document and what the rules make of it (dry run).</summary>
public sealed record DryRunSample(string Collection, BsonDocument Before, BsonDocument? After, string? Failure);

using MongoDB.Bson;

namespace Ferry.Core.Storage;

/// <summary>The store's own view of its health (<see cref="IDocumentStore.CheckHealthAsync"/>): the embedded store's
/// <c>PRAGMA quick_check</c> of every database file, or a MongoDB replica set's members and their states.</summary>
public sealed record StoreHealth(bool Ok, string Summary)
{
    public BsonDocument Details { get; init; } = new();
}

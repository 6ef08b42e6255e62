using MongoDB.Bson;

namespace Ferry.Demo.Generation;

/// <summary>One collection of the data set: its name, how many documents it will have, and a fresh stream of them
/// each time <see cref="Documents"/> is enumerated (generated lazily, one at a time).</summary>
public sealed record GeneratedCollection(string Name, long Count, IEnumerable<BsonDocument> Documents);

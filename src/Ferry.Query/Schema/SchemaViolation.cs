using MongoDB.Bson;

namespace Ferry.Query.Schema;

/// <summary>One way a document fails a <c>$jsonSchema</c>: where (dotted path, "" for the root), which keyword, and why.</summary>
public sealed record SchemaViolation(string Path, string Keyword, string Reason, BsonValue? Value);

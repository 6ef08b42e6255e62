using MongoDB.Bson;

namespace Ferry.Core.Storage;

/// <summary>One operation of a bulk write, as MongoDB's bulkWrite takes them.</summary>
public abstract record WriteRequest;

/// <summary>Insert a document; an <c>_id</c> (ObjectId) is added first when it has none. A
/// <see cref="RawBsonDocument"/> is written byte-for-byte.</summary>
public sealed record InsertRequest(BsonDocument Document) : WriteRequest;

/// <summary>Replace the first document matching <paramref name="Filter"/>; insert it when none matches and <paramref name="IsUpsert"/>.</summary>
public sealed record ReplaceRequest(BsonDocument Filter, BsonDocument Replacement, bool IsUpsert = false) : WriteRequest;

/// <summary>Update one or all matching documents with an update document (<c>{ $set: … }</c>) or a pipeline (a <see cref="BsonArray"/> of stages).</summary>
public sealed record UpdateRequest(BsonDocument Filter, BsonValue Update, bool IsMulti = false, bool IsUpsert = false) : WriteRequest
{
    public IReadOnlyList<BsonDocument>? ArrayFilters { get; init; }
}

/// <summary>Delete one or all matching documents.</summary>
public sealed record DeleteRequest(BsonDocument Filter, bool IsMulti = false) : WriteRequest;

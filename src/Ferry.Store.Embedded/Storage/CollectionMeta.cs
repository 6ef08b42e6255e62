using Ferry.Store.Embedded.Indexes;
using MongoDB.Bson;

namespace Ferry.Store.Embedded.Storage;

/// <summary>A collection's catalog row (name, create options, uuid, creation time) with its secondary indexes.</summary>
internal sealed record CollectionMeta(long Id, string Name, BsonDocument Options, string Uuid, string Created, IReadOnlyList<IndexDefinition> Indexes)
{
    public string Table => Schema.DocumentTable(Id);
}

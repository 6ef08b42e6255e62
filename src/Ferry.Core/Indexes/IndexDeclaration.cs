using MongoDB.Bson;

namespace Ferry.Core.Indexes;

/// <summary>One declared index: its collection and its createIndexes spec (<c>{ key, name, unique?, … }</c>, name always set).</summary>
public sealed record IndexDeclaration(string Collection, BsonDocument Spec)
{
    public string Name => Spec["name"].AsString;

    public BsonDocument Key => Spec["key"].AsBsonDocument;
}

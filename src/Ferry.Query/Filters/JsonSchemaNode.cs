using Ferry.Query.Schema;
using MongoDB.Bson;

namespace Ferry.Query.Filters;

/// <summary><c>$jsonSchema</c> in a filter (and so in a collection validator): the document must satisfy the schema.</summary>
internal sealed class JsonSchemaNode(JsonSchemaValidator schema) : MatchNode
{
    public override bool Matches(BsonDocument document, MatchDetails? details) => schema.IsValid(document);
}

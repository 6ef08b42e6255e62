using Ferry.Query.Schema;
using MongoDB.Bson;

namespace Ferry.Core.Validation.Rules;

/// <summary>Every document must satisfy this <c>$jsonSchema</c>, evaluated client-side with MongoDB's semantics.</summary>
public sealed record JsonSchemaRule(string Collection, BsonDocument Schema, JsonSchemaValidator Validator, string Location)
{
    public string Id => $"{Collection}:$jsonSchema";
}

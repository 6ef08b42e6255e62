using MongoDB.Bson;

namespace Ferry.Core.Validation.Rules;

/// <summary>Every document must match this MongoDB filter.</summary>
public sealed record PredicateRule(string Collection, string Name, BsonDocument Filter, string Location)
{
    public string Id => $"{Collection}:{Name}";
}

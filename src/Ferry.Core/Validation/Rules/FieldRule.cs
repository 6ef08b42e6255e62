using MongoDB.Bson;

namespace Ferry.Core.Validation.Rules;

/// <summary>One check on one field (dotted path). Every check but required and not_blank passes when the field is absent.</summary>
public sealed record FieldRule(string Collection, string Field, FieldCheck Check, string Location)
{
    /// <summary>The rule's parameter: a type list, a length, a regex, the allowed values, a bound, a tolerance.</summary>
    public BsonValue? Argument { get; init; }

    public string Id => $"{Collection}.{Field}:{Name}";

    public string Name => Check.Name;
}

using Ferry.Query.Schema;
using MongoDB.Bson;

namespace Ferry.Core.Validation.Rules;

/// <summary>A parsed validation rules file: rules per collection. Data first: printable, checked before anything runs.</summary>
public sealed record RuleSet(string Source, IReadOnlyList<CollectionRules> Collections);

/// <summary>The rules of one collection. <see cref="Location"/> is FILE:LINE:COLUMN of its entry, for messages.</summary>
public sealed record CollectionRules(string Name, string Location)
{
    public IReadOnlyList<FieldRule> Fields { get; init; } = [];

    public IReadOnlyList<UniqueRule> Unique { get; init; } = [];

    public IReadOnlyList<PredicateRule> Predicates { get; init; } = [];

    public IReadOnlyList<ReferenceRule> References { get; init; } = [];

    /// <summary>Fields that must exist and not be empty (null, "", whitespace, {}, []).</summary>
    public IReadOnlyList<string> Complete { get; init; } = [];

    public JsonSchemaRule? JsonSchema { get; init; }

    public int RuleCount => Fields.Count + Unique.Count + Predicates.Count + References.Count + Complete.Count + (JsonSchema is null ? 0 : 1);
}

/// <summary>The kinds of per-field checks.</summary>
public enum FieldCheck
{
    Required,
    Type,
    NotBlank,
    MinLength,
    MaxLength,
    Pattern,
    Enum,
    Min,
    Max,
    NotInFuture,
    Lowercase,
}

/// <summary>One check on one field (dotted path). Every check but Required and NotBlank passes when the field is absent.</summary>
public sealed record FieldRule(string Collection, string Field, FieldCheck Check, string Location)
{
    /// <summary>The rule's parameter: a type list, a length, a regex, the allowed values, a bound, a tolerance.</summary>
    public BsonValue? Argument { get; init; }

    public string Id => $"{Collection}.{Field}:{Name}";

    public string Name => Check switch
    {
        FieldCheck.NotBlank => "not_blank",
        FieldCheck.MinLength => "min_length",
        FieldCheck.MaxLength => "max_length",
        FieldCheck.NotInFuture => "not_in_future",
        _ => Check.ToString().ToLowerInvariant(),
    };
}

/// <summary>Values of these fields, together, must be unique in the collection (optionally ignoring case).</summary>
public sealed record UniqueRule(string Collection, IReadOnlyList<string> Fields, bool IgnoreCase, string Location)
{
    public string Id => $"{Collection}:unique({string.Join(",", Fields)}{(IgnoreCase ? ", ignore case" : string.Empty)})";
}

/// <summary>Every document must match this MongoDB filter.</summary>
public sealed record PredicateRule(string Collection, string Name, BsonDocument Filter, string Location)
{
    public string Id => $"{Collection}:{Name}";
}

/// <summary><c>Collection.Field</c> (a value or an array of values) must name an existing <c>TargetCollection.TargetField</c>.</summary>
public sealed record ReferenceRule(string Collection, string Field, string TargetCollection, string TargetField, bool AllowNull, string Location)
{
    public string Id => $"{Collection}.{Field} -> {TargetCollection}.{TargetField}";
}

public sealed record JsonSchemaRule(string Collection, BsonDocument Schema, JsonSchemaValidator Validator, string Location)
{
    public string Id => $"{Collection}:$jsonSchema";
}

namespace Ferry.Core.Validation.Rules;

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

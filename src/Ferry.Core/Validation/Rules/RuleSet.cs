namespace Ferry.Core.Validation.Rules;

/// <summary>A parsed validation rules file: rules per collection. Data first: printable, checked before anything runs.</summary>
public sealed record RuleSet(string Source, IReadOnlyList<CollectionRules> Collections);

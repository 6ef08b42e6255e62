using Ferry.Core.Validation.Rules;
using MongoDB.Bson;

namespace Ferry.Core.Validation;

/// <summary>Checks one <see cref="FieldRule"/> against one value. Compiled once per rule (regexes, type sets) by its <see cref="FieldCheck"/>.</summary>
internal sealed class FieldRuleEvaluator(FieldRule rule, TimeProvider time)
{
    private readonly Func<BsonValue, string?> _check = rule.Check.Compile(rule.Argument!, time);

    public FieldRule Rule => rule;

    /// <summary>Null when the value (null: the field is absent) passes; otherwise the reason it fails.</summary>
    public string? Check(BsonValue? value) => value is null ? rule.Check.WhenAbsent : _check(value);
}

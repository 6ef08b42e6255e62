using System.Text.RegularExpressions;
using Ferry.Core.Validation.Rules;
using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Core.Validation;

/// <summary>Checks one <see cref="FieldRule"/> against one document. Compiled once per rule (regexes, type sets).</summary>
internal sealed class FieldRuleEvaluator
{
    private readonly FieldRule _rule;
    private readonly Regex? _pattern;
    private readonly HashSet<string>? _types;
    private readonly TimeProvider _time;

    public FieldRuleEvaluator(FieldRule rule, TimeProvider time)
    {
        _rule = rule;
        _time = time;
        if (rule.Check == FieldCheck.Pattern)
        {
            _pattern = new Regex(rule.Argument!.AsString, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }

        if (rule.Check == FieldCheck.Type)
        {
            _types = rule.Argument!.AsBsonArray.Select(v => v.AsString).ToHashSet();
        }
    }

    public FieldRule Rule => _rule;

    /// <summary>Null when the document passes; otherwise the reason it fails.</summary>
    public string? Check(BsonValue? value)
    {
        var present = value is not null;
        switch (_rule.Check)
        {
            case FieldCheck.Required:
                return present ? null : "missing";
            case FieldCheck.NotBlank:
                return value switch
                {
                    null => "missing",
                    BsonNull => "null",
                    BsonString s when string.IsNullOrWhiteSpace(s.Value) => "blank",
                    _ => null,
                };
        }

        if (!present)
        {
            return null;
        }

        switch (_rule.Check)
        {
            case FieldCheck.Type:
                return TypeMatches(value!) ? null : $"type is {TypeAlias(value!)}, expected {string.Join(" or ", _types!)}";
            case FieldCheck.MinLength:
                return Length(value!) is { } min && min < _rule.Argument!.AsInt32 ? $"length {min} < {_rule.Argument}" : null;
            case FieldCheck.MaxLength:
                return Length(value!) is { } max && max > _rule.Argument!.AsInt32 ? $"length {max} > {_rule.Argument}" : null;
            case FieldCheck.Pattern:
                return value is BsonString str && !_pattern!.IsMatch(str.Value) ? $"does not match /{_rule.Argument}/" : value is BsonString ? null : "not a string";
            case FieldCheck.Enum:
                return _rule.Argument!.AsBsonArray.Any(a => BsonValueComparer.Instance.Equals(a, value)) ? null : "not an allowed value";
            case FieldCheck.Min:
                return Comparable(value!, _rule.Argument!) && BsonValueComparer.Instance.Compare(value, _rule.Argument) < 0 ? $"below {_rule.Argument}" : null;
            case FieldCheck.Max:
                return Comparable(value!, _rule.Argument!) && BsonValueComparer.Instance.Compare(value, _rule.Argument) > 0 ? $"above {_rule.Argument}" : null;
            case FieldCheck.NotInFuture:
                var limit = _time.GetUtcNow().ToUnixTimeMilliseconds() + _rule.Argument!.ToInt64();
                return value is BsonDateTime d && d.MillisecondsSinceEpoch > limit ? "in the future" : null;
            case FieldCheck.Lowercase:
                return value is BsonString lower && lower.Value != lower.Value.ToLowerInvariant() ? "not lower-case" : null;
            default:
                return null;
        }
    }

    private bool TypeMatches(BsonValue value) =>
        _types!.Contains(TypeAlias(value)) || (_types.Contains("number") && BsonTypeOrder.IsNumber(value));

    private static bool Comparable(BsonValue a, BsonValue b) => BsonTypeOrder.Canonical(a) == BsonTypeOrder.Canonical(b);

    private static int? Length(BsonValue value) => value switch
    {
        BsonString s => s.Value.EnumerateRunes().Count(),
        BsonArray a => a.Count,
        _ => null,
    };

    /// <summary>MongoDB's $type alias of a value.</summary>
    public static string TypeAlias(BsonValue value) => BsonTypeNames.NameOf(value.BsonType) ?? value.BsonType.ToString();
}

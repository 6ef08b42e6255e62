using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Query.Filters;

/// <summary><c>$in</c>: equal to any listed value (null matches missing) or matched by any listed regular expression.</summary>
internal sealed class InPredicate : ValuePredicate
{
    private readonly HashSet<BsonValue?> _values = new(BsonValueComparer.Instance);
    private readonly List<RegexPredicate> _regexes = [];
    private readonly bool _hasNull;

    public InPredicate(IEnumerable<BsonValue> values, IEnumerable<RegexPredicate> regexes)
    {
        foreach (var v in values)
        {
            if (v.IsBsonNull)
            {
                _hasNull = true;
            }
            else
            {
                _values.Add(v);
            }
        }

        _regexes.AddRange(regexes);
    }

    public override bool Matches(BsonValue? value)
    {
        if (value is null || value.IsBsonNull)
        {
            return _hasNull;
        }

        if (_values.Contains(value))
        {
            return true;
        }

        foreach (var regex in _regexes)
        {
            if (regex.Matches(value))
            {
                return true;
            }
        }

        return false;
    }
}

using Ferry.Query.Expressions;
using Ferry.Query.Filters;

namespace Ferry.Query.Projection;

/// <summary>What a projection does with one field name at one level of the document.</summary>
internal abstract record ProjectionField
{
    public sealed record Include : ProjectionField;

    public sealed record Exclude : ProjectionField;

    /// <summary>A dotted path continues below this field (<c>"a.b": 1</c> or <c>{ a: { b: 1 } }</c>).</summary>
    public sealed record Nested(ProjectionLevel Level) : ProjectionField;

    /// <summary>A value computed from the root document (4.4+: any non-boolean, non-number value).</summary>
    public sealed record Computed(AggregationExpression Expression) : ProjectionField;

    /// <summary><c>{ $slice: n }</c> (Skip null) or <c>{ $slice: [skip, limit] }</c>.</summary>
    public sealed record Slice(int? Skip, int Limit) : ProjectionField;

    /// <summary><c>{ $elemMatch: query }</c>: the first matching element, via a compiled <c>{ field: { $elemMatch } }</c> filter.</summary>
    public sealed record ElemMatch(FilterMatcher Matcher) : ProjectionField;

    /// <summary><c>"a.$": 1</c>: the element at the position the query matched.</summary>
    public sealed record Positional : ProjectionField;
}

/// <summary>One level of a parsed projection: its fields in specification order.</summary>
internal sealed class ProjectionLevel
{
    private readonly Dictionary<string, ProjectionField> _byName = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public IEnumerable<(string Name, ProjectionField Field)> Fields => _order.Select(n => (n, _byName[n]));

    public bool TryGet(string name, out ProjectionField field) => _byName.TryGetValue(name, out field!);

    public void Set(string name, ProjectionField field)
    {
        if (!_byName.ContainsKey(name))
        {
            _order.Add(name);
        }

        _byName[name] = field;
    }

    /// <summary>True when a positional field is somewhere below, so the first array met is cut to the matched element.</summary>
    public bool ContainsPositional => _byName.Values.Any(f => f is ProjectionField.Positional || (f is ProjectionField.Nested n && n.Level.ContainsPositional));

    /// <summary>True when a computed field is somewhere below, so the level produces output even where the input has nothing.</summary>
    public bool ContainsComputed => _byName.Values.Any(f => f is ProjectionField.Computed || (f is ProjectionField.Nested n && n.Level.ContainsComputed));
}

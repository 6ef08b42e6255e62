using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Query.Filters;

/// <summary>
/// A compiled MongoDB query filter with MongoDB's matching semantics (dotted paths crossing arrays, null matching
/// missing, type brackets, BSON order). Compile once, match many documents; a bad filter fails at compile time
/// with MongoDB's error code, so a malformed query changes nothing. Not supported (rejected with a clear error):
/// <c>$where</c>, <c>$text</c>, geospatial operators, <c>$jsonSchema</c> and <c>$sampleRate</c>.
/// </summary>
public sealed class FilterMatcher
{
    private readonly MatchNode _root;

    private FilterMatcher(BsonDocument filter, MatchNode root, IReadOnlyList<(string Path, BsonValue Value)> equalities)
    {
        Filter = filter;
        _root = root;
        EqualityConstraints = equalities;
    }

    public BsonDocument Filter { get; }

    /// <summary>
    /// Equalities every matching document satisfies (<c>{ a: 1 }</c>, <c>{ a: { $eq: 1 } }</c>, one-value <c>$in</c>,
    /// also inside <c>$and</c> and a one-clause <c>$or</c>), in filter order. Upserts seed new documents from them;
    /// stores use them for index lookups. A path may appear more than once. For lookups remember MongoDB's equality:
    /// <c>{ a: 1 }</c> also matches arrays holding 1, <c>{ a: null }</c> also matches a missing <c>a</c>, and numbers
    /// of different types are equal (1, 1L, 1.0).
    /// </summary>
    public IReadOnlyList<(string Path, BsonValue Value)> EqualityConstraints { get; }

    /// <summary>Parses and checks a filter; a bad filter throws <see cref="MqlException"/> with MongoDB's code.</summary>
    public static FilterMatcher Compile(BsonDocument filter, QueryContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var root = FilterParser.Parse(filter, context ?? QueryContext.Default, topLevel: true);
        return new FilterMatcher(filter, root, Filters.EqualityConstraints.Collect(filter));
    }

    public bool Matches(BsonDocument document) => _root.Matches(document, null);

    /// <summary>Matches and, when an array element satisfied the filter, records its position in <paramref name="details"/>.</summary>
    public bool Matches(BsonDocument document, MatchDetails? details)
    {
        if (details is null)
        {
            return _root.Matches(document, null);
        }

        details.ArrayPosition = null;
        var matched = _root.Matches(document, details);
        if (!matched)
        {
            details.ArrayPosition = null;
        }

        return matched;
    }
}

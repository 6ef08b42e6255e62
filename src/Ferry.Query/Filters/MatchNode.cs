using MongoDB.Bson;

namespace Ferry.Query.Filters;

/// <summary>A node of a compiled filter: a path predicate, a logical combination or an <c>$expr</c>.</summary>
internal abstract class MatchNode
{
    /// <summary>Tests a document; fills <paramref name="details"/> (when given) with the matching array position.</summary>
    public abstract bool Matches(BsonDocument document, MatchDetails? details);
}

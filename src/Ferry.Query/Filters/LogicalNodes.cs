using MongoDB.Bson;

namespace Ferry.Query.Filters;

/// <summary>All children match (an implicit AND of a filter's fields, <c>$and</c>, several operators on one path).</summary>
internal sealed class AndNode(IReadOnlyList<MatchNode> children) : MatchNode
{
    public IReadOnlyList<MatchNode> Children { get; } = children;

    public override bool Matches(BsonDocument document, MatchDetails? details)
    {
        foreach (var child in Children)
        {
            if (!child.Matches(document, details))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary><c>$or</c>: any child matches. Like MongoDB, it records no array position.</summary>
internal sealed class OrNode(IReadOnlyList<MatchNode> children) : MatchNode
{
    public IReadOnlyList<MatchNode> Children { get; } = children;

    public override bool Matches(BsonDocument document, MatchDetails? details)
    {
        foreach (var child in Children)
        {
            if (child.Matches(document, null))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Negation (<c>$nor</c>, <c>$not</c>, <c>$ne</c>, <c>$nin</c>, <c>$exists: false</c>) of a whole path test.</summary>
internal sealed class NotNode(MatchNode child) : MatchNode
{
    public override bool Matches(BsonDocument document, MatchDetails? details) => !child.Matches(document, null);
}

/// <summary><c>$alwaysTrue</c>, <c>$alwaysFalse</c>, and an empty <c>$all</c> (which matches nothing).</summary>
internal sealed class ConstantNode(bool result) : MatchNode
{
    public override bool Matches(BsonDocument document, MatchDetails? details) => result;
}

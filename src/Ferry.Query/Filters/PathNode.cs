using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Query.Filters;

/// <summary>
/// A predicate on one dotted path: true when any value the path reaches (arrays crossed, leaf arrays expanded
/// unless the predicate works on whole arrays) satisfies it; "missing" is offered when the path reaches nothing.
/// </summary>
internal sealed class PathNode : MatchNode
{
    private readonly string[] _components;

    public PathNode(string path, ValuePredicate predicate)
    {
        Path = path;
        Predicate = predicate;
        _components = FieldPath.Split(path);
    }

    public string Path { get; }

    public ValuePredicate Predicate { get; }

    public override bool Matches(BsonDocument document, MatchDetails? details)
    {
        // Fast path: walk embedded documents; only an array on the way needs the general traversal.
        BsonValue? value = document;
        var next = 0;
        while (next < _components.Length && value is BsonDocument d)
        {
            value = d.TryGetValue(_components[next], out var child) ? child : null;
            next++;
        }

        if (value is not BsonArray)
        {
            return Predicate.Matches(next == _components.Length ? value : null);
        }

        foreach (var reached in FieldPath.Traverse(document, _components, Predicate.ExpandsLeafArrays))
        {
            if (Predicate.Matches(reached.Value, out var inner))
            {
                var position = reached.ArrayPosition ?? inner;
                if (details is not null && position is not null)
                {
                    details.ArrayPosition = position;
                }

                return true;
            }
        }

        return false;
    }
}

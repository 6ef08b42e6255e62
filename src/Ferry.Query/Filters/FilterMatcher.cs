using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Query.Filters;

/// <summary>
/// A compiled MongoDB query filter. INTERIM: top-level equality and $and only; the full matcher replaces
/// this file (same public API).
/// </summary>
public sealed class FilterMatcher
{
    private readonly List<(string Path, BsonValue Value)> _equalities = [];

    private FilterMatcher(BsonDocument filter)
    {
        Filter = filter;
        Collect(filter);
    }

    public BsonDocument Filter { get; }

    /// <summary>Parses and checks a filter; a bad filter throws <see cref="MqlException"/> with MongoDB's code.</summary>
    public static FilterMatcher Compile(BsonDocument filter, QueryContext? context = null) => new(filter);

    public bool Matches(BsonDocument document) => Matches(document, null);

    public bool Matches(BsonDocument document, MatchDetails? details)
    {
        foreach (var (path, value) in _equalities)
        {
            if (!document.TryGetValue(path, out var actual) || !BsonValueComparer.Instance.Equals(actual, value))
            {
                return false;
            }
        }

        return true;
    }

    private void Collect(BsonDocument filter)
    {
        foreach (var element in filter)
        {
            if (element.Name == "$and")
            {
                foreach (var clause in element.Value.AsBsonArray)
                {
                    Collect(clause.AsBsonDocument);
                }
            }
            else if (element.Name.StartsWith('$') || element.Value is BsonDocument { ElementCount: > 0 } d && d.GetElement(0).Name.StartsWith('$'))
            {
                throw ErrorCodes.Bad("unknown operator: " + element.Name);
            }
            else
            {
                _equalities.Add((element.Name, element.Value));
            }
        }
    }
}

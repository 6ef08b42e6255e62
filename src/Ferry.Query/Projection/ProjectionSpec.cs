using Ferry.Query.Common;
using Ferry.Query.Filters;
using MongoDB.Bson;

namespace Ferry.Query.Projection;

/// <summary>
/// A compiled find projection (inclusion or exclusion, <c>_id</c> rules, positional <c>$</c>, <c>$slice</c>, <c>$elemMatch</c>).
/// INTERIM: top-level inclusion/exclusion only; the projection engine replaces this file (same public API).
/// </summary>
public sealed class ProjectionSpec
{
    private readonly BsonDocument _projection;

    private ProjectionSpec(BsonDocument projection) => _projection = projection;

    public static ProjectionSpec Compile(BsonDocument projection, QueryContext? context = null) => new(projection);

    public BsonDocument Apply(BsonDocument document, MatchDetails? details = null)
    {
        var inclusive = _projection.Any(e => e.Name != "_id" && e.Value.ToBoolean());
        var result = new BsonDocument();
        foreach (var e in document)
        {
            var listed = _projection.TryGetValue(e.Name, out var flag);
            var keep = e.Name == "_id" ? !listed || flag.ToBoolean() : inclusive ? listed && flag.ToBoolean() : !listed;
            if (keep)
            {
                result.Add(e);
            }
        }

        return result;
    }
}

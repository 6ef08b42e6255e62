using Ferry.Query.Common;
using Ferry.Query.Filters;
using MongoDB.Bson;

namespace Ferry.Query.Projection;

/// <summary>
/// A compiled find projection with MongoDB 4.4+ semantics: inclusion or exclusion (no mixing except <c>_id</c>,
/// which is included unless excluded), dotted paths and nested specifications through arrays of subdocuments,
/// positional <c>a.$</c> (using the <see cref="MatchDetails"/> of the query match), <c>$slice</c>,
/// <c>$elemMatch</c>, and computed values (<c>"$field"</c>, <c>{ $literal: ... }</c>, any non-boolean non-number).
/// Compile once; a bad projection throws <see cref="MqlException"/> with MongoDB's code.
/// </summary>
public sealed class ProjectionSpec
{
    private readonly ProjectionLevel _root;

    private ProjectionSpec(ProjectionLevel root, bool isInclusion)
    {
        _root = root;
        IsInclusion = isInclusion;
    }

    /// <summary>True for an inclusion projection (only listed fields, plus <c>_id</c> unless excluded).</summary>
    public bool IsInclusion { get; }

    public static ProjectionSpec Compile(BsonDocument projection, QueryContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(projection);
        var (root, inclusion) = ProjectionParser.Parse(projection, context ?? QueryContext.Default);
        return new ProjectionSpec(root, inclusion);
    }

    /// <summary>Projects a document; <paramref name="details"/> comes from the filter match when the projection uses <c>a.$</c>.</summary>
    public BsonDocument Apply(BsonDocument document, MatchDetails? details = null) =>
        IsInclusion
            ? new InclusionProjection(document, details).ApplyLevel(_root, document)
            : ExclusionProjection.ApplyLevel(_root, document);
}

using Ferry.Query.Common;
using Ferry.Query.Expressions;
using Ferry.Query.Filters;
using MongoDB.Bson;

namespace Ferry.Query.Aggregation.Stages;

/// <summary>$match: keeps documents the filter matches.</summary>
internal sealed class MatchStage(BsonDocument filter, QueryContext context) : DocumentStage
{
    private readonly FilterMatcher _matcher = FilterMatcher.Compile(filter, context);

    public BsonDocument Filter { get; } = filter;

    public override string Name => "$match";

    public override BsonDocument? Apply(BsonDocument document, PipelineRun run) => _matcher.Matches(document) ? document : null;
}

/// <summary>$project, $addFields/$set and $unset: a projection tree applied in one of its three modes.</summary>
internal sealed class ProjectionStage(string name, ProjectionTree tree, ProjectionStage.Mode mode) : DocumentStage
{
    public enum Mode
    {
        Inclusion,
        Exclusion,
        AddFields,
    }

    public override string Name => name;

    public override BsonDocument? Apply(BsonDocument document, PipelineRun run) => mode switch
    {
        Mode.Inclusion => tree.ApplyInclusion(document, document, run.Now, isTop: true),
        Mode.Exclusion => tree.ApplyExclusion(document),
        _ => tree.ApplyAddFields(document, document, run.Now),
    };
}

/// <summary>$replaceRoot / $replaceWith: the document becomes the value of an expression, which must be a document.</summary>
internal sealed class ReplaceRootStage(string name, AggregationExpression newRoot) : DocumentStage
{
    public override string Name => name;

    public override BsonDocument? Apply(BsonDocument document, PipelineRun run)
    {
        var value = newRoot.Evaluate(document, run.Now);
        if (value is BsonDocument d)
        {
            return d;
        }

        var shown = value is null ? "MISSING" : value.ToJson();
        throw ErrorCodes.Create(40228, "'newRoot' expression must evaluate to an object, but resulting value was: " + shown +
            ". Type of resulting value: '" + ExpressionErrors.TypeName(value) + "'. Input document: " + document.ToJson());
    }
}

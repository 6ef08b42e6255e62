using System.Runtime.CompilerServices;
using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Query.Aggregation.Stages;

/// <summary>$unionWith: after the input, the documents of another collection (through an optional pipeline).</summary>
internal sealed class UnionWithStage(string collection, AggregationPipeline? pipeline) : PipelineStage
{
    public override string Name => "$unionWith";

    public static UnionWithStage Parse(BsonValue spec, QueryContext context)
    {
        if (spec is BsonString s)
        {
            return new UnionWithStage(s.Value, null);
        }

        if (spec is not BsonDocument d)
        {
            throw ErrorCodes.Create(ErrorCodes.FailedToParse, "the $unionWith stage specification must be an object or string, but found " + Expressions.ExpressionErrors.TypeName(spec));
        }

        string? coll = null;
        AggregationPipeline? pipeline = null;
        foreach (var element in d)
        {
            switch (element.Name)
            {
                case "coll": coll = element.Value.AsString; break;
                case "pipeline": pipeline = AggregationPipeline.Parse(element.Value.AsBsonArray, context); break;
                default: throw ErrorCodes.Create(40415, "BSON field '$unionWith." + element.Name + "' is an unknown field.");
            }
        }

        return new UnionWithStage(coll ?? throw ErrorCodes.Create(40414, "BSON field '$unionWith.coll' is missing but a required field"), pipeline);
    }

    public override async IAsyncEnumerable<BsonDocument> RunAsync(IAsyncEnumerable<BsonDocument> input, PipelineRun run,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var document in input.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return document;
        }

        var source = run.RequireSource("$unionWith");
        var other = source.ReadCollectionAsync(collection, cancellationToken);
        var results = pipeline is null ? other : pipeline.ExecuteAsync(other, source, run.Now, cancellationToken);
        await foreach (var document in results.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return document;
        }
    }
}

using System.Runtime.CompilerServices;
using Ferry.Query.Aggregation.Accumulators;
using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Query.Aggregation.Stages;

/// <summary>$facet: runs several sub-pipelines over the same (buffered) input; one output document of arrays.</summary>
internal sealed class FacetStage(List<(string Name, AggregationPipeline Pipeline)> facets) : PipelineStage
{
    public override string Name => "$facet";

    public static FacetStage Parse(BsonValue spec, QueryContext context)
    {
        if (spec is not BsonDocument { ElementCount: > 0 } d)
        {
            throw ErrorCodes.Create(40169, "the $facet specification must be a non-empty object, but found: " + spec.ToJson());
        }

        var facets = new List<(string, AggregationPipeline)>();
        foreach (var element in d)
        {
            if (element.Value is not BsonArray stages)
            {
                throw ErrorCodes.Create(40170, "arguments to $facet must be arrays, " + element.Name + " is type " + Expressions.ExpressionErrors.TypeName(element.Value));
            }

            foreach (var stage in stages)
            {
                if (stage is BsonDocument { ElementCount: 1 } s && s.GetElement(0).Name is "$facet" or "$out" or "$merge")
                {
                    throw ErrorCodes.Create(40600, s.GetElement(0).Name + " is not allowed to be used within a $facet stage");
                }
            }

            facets.Add((element.Name, AggregationPipeline.Parse(stages, context)));
        }

        return new FacetStage(facets);
    }

    public override async IAsyncEnumerable<BsonDocument> RunAsync(IAsyncEnumerable<BsonDocument> input, PipelineRun run,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var budget = new MemoryBudget(run.Context.MemoryLimitBytes, "$facet exceeded the memory limit of " + run.Context.MemoryLimitBytes + " bytes");
        var buffered = new List<BsonDocument>();
        await foreach (var document in input.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            budget.Add(AccumulatorKinds.SizeOf(document));
            buffered.Add(document);
        }

        var output = new BsonDocument();
        foreach (var (name, pipeline) in facets)
        {
            var results = new BsonArray();
            await foreach (var r in pipeline.ExecuteAsync(buffered.ToAsyncEnumerable(), run.Source!, run.Now, cancellationToken).ConfigureAwait(false))
            {
                results.Add(r);
            }

            output[name] = results;
        }

        yield return output;
    }
}

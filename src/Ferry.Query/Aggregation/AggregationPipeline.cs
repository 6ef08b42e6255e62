using System.Runtime.CompilerServices;
using Ferry.Query.Common;
using Ferry.Query.Filters;
using MongoDB.Bson;

namespace Ferry.Query.Aggregation;

/// <summary>
/// A parsed aggregation pipeline, executed as a stream over its input.
/// INTERIM: <c>$match</c> and <c>$limit</c> only; the aggregation engine replaces this file (same public API).
/// </summary>
public sealed class AggregationPipeline
{
    private readonly List<BsonDocument> _stages;

    private AggregationPipeline(List<BsonDocument> stages) => _stages = stages;

    /// <summary>A leading <c>$match</c> the store may push into its scan (null when the pipeline starts otherwise).</summary>
    public BsonDocument? LeadingFilter =>
        _stages.Count > 0 && _stages[0].GetElement(0).Name == "$match" ? _stages[0][0].AsBsonDocument : null;

    /// <summary>Parses stages; an unknown stage throws <see cref="MqlException"/> (40324 Unrecognized pipeline stage name).</summary>
    public static AggregationPipeline Parse(BsonArray stages, QueryContext? context = null) =>
        new(stages.Select(s => s.AsBsonDocument).ToList());

    public async IAsyncEnumerable<BsonDocument> ExecuteAsync(IAsyncEnumerable<BsonDocument> input, IPipelineSource source, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var matchers = _stages.Select(s => s.GetElement(0)).ToList();
        long emitted = 0;
        await foreach (var doc in input.WithCancellation(cancellationToken))
        {
            var keep = true;
            long? limit = null;
            foreach (var stage in matchers)
            {
                if (stage.Name == "$match")
                {
                    keep &= FilterMatcher.Compile(stage.Value.AsBsonDocument).Matches(doc);
                }
                else if (stage.Name == "$limit")
                {
                    limit = stage.Value.ToInt64();
                }
                else
                {
                    throw ErrorCodes.Create(40324, "Unrecognized pipeline stage name: '" + stage.Name + "'");
                }
            }

            if (limit is not null && emitted >= limit)
            {
                yield break;
            }

            if (keep)
            {
                emitted++;
                yield return doc;
            }
        }
    }

    /// <summary>Runs the stages allowed in a pipeline-style update ($addFields/$set, $project/$unset,
    /// $replaceRoot/$replaceWith) on one document.</summary>
    public BsonDocument ApplyUpdateStages(BsonDocument document) =>
        throw ErrorCodes.Create(ErrorCodes.FailedToParse, "pipeline-style updates are not supported yet");
}

using MongoDB.Bson;

namespace Ferry.Query.Aggregation.Stages;

/// <summary>One parsed stage of a pipeline: it turns its input stream into its output stream.</summary>
internal abstract class PipelineStage
{
    /// <summary>The stage's name as written ("$match"), for error messages and update checks.</summary>
    public abstract string Name { get; }

    public abstract IAsyncEnumerable<BsonDocument> RunAsync(IAsyncEnumerable<BsonDocument> input, PipelineRun run, CancellationToken cancellationToken);
}

/// <summary>A streaming stage that maps each document to zero or one output document, synchronously.
/// These are also the stages a pipeline-style update may run.</summary>
internal abstract class DocumentStage : PipelineStage
{
    /// <summary>The output for one input document, or null to drop it.</summary>
    public abstract BsonDocument? Apply(BsonDocument document, PipelineRun run);

    public override async IAsyncEnumerable<BsonDocument> RunAsync(IAsyncEnumerable<BsonDocument> input, PipelineRun run,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var document in input.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (Apply(document, run) is { } output)
            {
                yield return output;
            }
        }
    }
}

using System.Runtime.CompilerServices;
using Ferry.Query.Common;
using Ferry.Query.Expressions;
using MongoDB.Bson;

namespace Ferry.Query.Aggregation.Stages;

/// <summary>$documents: the documents of an array expression, instead of the input (a database-level aggregate's source).</summary>
internal sealed class DocumentsStage(AggregationExpression documents) : PipelineStage
{
    public override string Name => "$documents";

    public override async IAsyncEnumerable<BsonDocument> RunAsync(IAsyncEnumerable<BsonDocument> input, PipelineRun run,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        var value = documents.Evaluate([], run.Now);
        if (value is not BsonArray array)
        {
            throw ErrorCodes.Create(5858203, "error during $documents stage: an array is expected, got " + ExpressionErrors.TypeName(value));
        }

        foreach (var element in array)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return element as BsonDocument ?? throw ErrorCodes.Create(5858203, "error during $documents stage: each element must be an object, got " + ExpressionErrors.TypeName(element));
        }
    }
}

using System.Runtime.CompilerServices;
using MongoDB.Bson;

namespace Ferry.Query.Aggregation.Stages;

/// <summary>$limit: the first N documents; stops reading its input once it has them.</summary>
internal sealed class LimitStage(long limit) : PipelineStage
{
    public long Limit { get; } = limit;

    public override string Name => "$limit";

    public override async IAsyncEnumerable<BsonDocument> RunAsync(IAsyncEnumerable<BsonDocument> input, PipelineRun run,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long count = 0;
        await foreach (var document in input.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return document;
            if (++count >= Limit)
            {
                yield break;
            }
        }
    }
}

/// <summary>$skip: drops the first N documents.</summary>
internal sealed class SkipStage(long skip) : PipelineStage
{
    public override string Name => "$skip";

    public override async IAsyncEnumerable<BsonDocument> RunAsync(IAsyncEnumerable<BsonDocument> input, PipelineRun run,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long seen = 0;
        await foreach (var document in input.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (seen++ >= skip)
            {
                yield return document;
            }
        }
    }
}

/// <summary>$count: one document <c>{ name: n }</c>, or nothing for an empty input.</summary>
internal sealed class CountStage(string field) : PipelineStage
{
    public override string Name => "$count";

    public override async IAsyncEnumerable<BsonDocument> RunAsync(IAsyncEnumerable<BsonDocument> input, PipelineRun run,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long count = 0;
        await foreach (var _ in input.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            count++;
        }

        if (count > 0)
        {
            yield return new BsonDocument(field, count <= int.MaxValue ? new BsonInt32((int)count) : new BsonInt64(count));
        }
    }
}

using System.Runtime.CompilerServices;
using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Query.Aggregation.Stages;

/// <summary>$limit: the first N documents; stops reading its input once it has them.</summary>
internal sealed class LimitStage(long limit) : PipelineStage
{
    public long Limit { get; } = limit;

    public override string Name => "$limit";

    public static LimitStage Parse(BsonValue spec)
    {
        if (!spec.IsNumeric)
        {
            throw ErrorCodes.Create(15957, "the limit must be specified as a number");
        }

        if (!Expressions.Operators.Numeric.TryToLongExact(spec, out var limit))
        {
            throw ErrorCodes.Create(2107201, "invalid argument to $limit stage: Expected an integer: $limit: " + spec);
        }

        return limit > 0 ? new LimitStage(limit) : throw ErrorCodes.Create(15958, "the limit must be positive");
    }

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

    public static SkipStage Parse(BsonValue spec)
    {
        if (!spec.IsNumeric)
        {
            throw ErrorCodes.Create(15972, "Argument to $skip must be a number");
        }

        if (!Expressions.Operators.Numeric.TryToLongExact(spec, out var skip))
        {
            throw ErrorCodes.Create(5107200, "invalid argument to $skip stage: Expected an integer: $skip: " + spec);
        }

        return skip >= 0 ? new SkipStage(skip) : throw ErrorCodes.Create(15956, "Argument to $skip cannot be negative");
    }

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

    public static CountStage Parse(BsonValue spec)
    {
        if (spec is not BsonString { Value.Length: > 0 } s)
        {
            throw ErrorCodes.Create(40156, "the count field must be a non-empty string");
        }

        if (s.Value.StartsWith('$'))
        {
            throw ErrorCodes.Create(40158, "the count field cannot be a $-prefixed path");
        }

        if (s.Value.Contains('.', StringComparison.Ordinal))
        {
            throw ErrorCodes.Create(40160, "the count field cannot contain '.'");
        }

        return new CountStage(s.Value);
    }

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

using System.Runtime.CompilerServices;
using Ferry.Query.Aggregation.Accumulators;
using Ferry.Query.Common;
using Ferry.Query.Expressions;
using MongoDB.Bson;

namespace Ferry.Query.Aggregation.Stages;

/// <summary>
/// $bucketAuto: sorts by groupBy and cuts the documents into about N buckets of equal size, never splitting equal
/// values; each bucket's _id is { min, max } (max = the next bucket's min, or the last value). Granularity (preferred
/// number series) is not implemented. Blocking; bounded by the memory limit.
/// </summary>
internal sealed class BucketAutoStage(AggregationExpression groupBy, int buckets, GroupStage accumulators) : PipelineStage
{
    public override string Name => "$bucketAuto";

    public static BucketAutoStage Parse(BsonValue spec, QueryContext context)
    {
        if (spec is not BsonDocument d)
        {
            throw ErrorCodes.Create(40240, "The argument to $bucketAuto must be an object, but found type: " + ExpressionErrors.TypeName(spec));
        }

        BsonValue? groupBy = null;
        int? buckets = null;
        var output = new BsonDocument("count", new BsonDocument("$sum", 1));
        foreach (var element in d)
        {
            switch (element.Name)
            {
                case "groupBy": groupBy = element.Value; break;
                case "buckets":
                    buckets = element.Value.IsNumeric && Expressions.Operators.Numeric.TryToIntExact(element.Value, out var n) && n > 0 ? n
                        : throw ErrorCodes.Create(40243, "The $bucketAuto 'buckets' field must be greater than 0, but found: " + element.Value);
                    break;
                case "output":
                    output = element.Value as BsonDocument ?? throw ErrorCodes.Create(40244, "The $bucketAuto 'output' field must be an object");
                    break;
                case "granularity":
                    throw ErrorCodes.Create(ErrorCodes.CommandNotSupported, "$bucketAuto granularity is not supported by the embedded store");
                default:
                    throw ErrorCodes.Create(40245, "Unrecognized option to $bucketAuto: " + element.Name + ".");
            }
        }

        if (groupBy is null || buckets is null)
        {
            throw ErrorCodes.Create(40246, "$bucketAuto requires 'groupBy' and 'buckets' to be specified");
        }

        var group = new BsonDocument("_id", BsonNull.Value);
        group.AddRange(output);
        return new BucketAutoStage(AggregationExpression.Compile(groupBy, context), buckets.Value, GroupStage.Parse(group, context));
    }

    public override async IAsyncEnumerable<BsonDocument> RunAsync(IAsyncEnumerable<BsonDocument> input, PipelineRun run,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var budget = new MemoryBudget(run.Context.MemoryLimitBytes, "$bucketAuto exceeded the memory limit of " + run.Context.MemoryLimitBytes + " bytes");
        var items = new List<(BsonValue Key, BsonDocument Document)>();
        await foreach (var document in input.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            budget.Add(AccumulatorKinds.SizeOf(document));
            items.Add((groupBy.Evaluate(document, run.Now) ?? BsonNull.Value, document));
        }

        items = [.. items.OrderBy(i => i.Key, BsonValueComparer.Instance)];
        // As MongoDB: round(n / buckets) per bucket, equal values never split, the last bucket takes the rest.
        var perBucket = Math.Max(1, (int)Math.Round(items.Count / (double)buckets, MidpointRounding.AwayFromZero));
        var cuts = new List<(int From, int To)>();
        var start = 0;
        while (start < items.Count)
        {
            var end = cuts.Count == buckets - 1 ? items.Count : Math.Min(start + perBucket, items.Count);
            while (end < items.Count && BsonValueComparer.Instance.Equals(items[end].Key, items[end - 1].Key))
            {
                end++;
            }

            cuts.Add((start, end));
            start = end;
        }

        for (var b = 0; b < cuts.Count; b++)
        {
            var (from, to) = cuts[b];
            var max = b + 1 < cuts.Count ? items[cuts[b + 1].From].Key : items[to - 1].Key;
            var output = new BsonDocument("_id", new BsonDocument { { "min", items[from].Key }, { "max", max } });
            foreach (var (field, create, argument) in accumulators.Fields)
            {
                var accumulator = create();
                for (var i = from; i < to; i++)
                {
                    accumulator.Add(argument.Evaluate(items[i].Document, run.Now));
                }

                output[field] = accumulator.Result();
            }

            yield return output;
        }
    }
}

using System.Runtime.CompilerServices;
using Ferry.Query.Aggregation.Accumulators;
using Ferry.Query.Common;
using Ferry.Query.Expressions;
using Ferry.Query.Sorting;
using MongoDB.Bson;

namespace Ferry.Query.Aggregation.Stages;

/// <summary>
/// $setWindowFields: adds fields computed over a window of neighbouring documents of the same partition
/// (partitionBy), ordered by sortBy. Output comes partition by partition in sort order. Blocking; bounded by
/// the memory limit.
/// </summary>
internal sealed class SetWindowFieldsStage(AggregationExpression? partitionBy, SortSpec? sortBy, AggregationExpression? sortKey, List<WindowOutput> outputs) : PipelineStage
{
    public override string Name => "$setWindowFields";

    public static SetWindowFieldsStage Parse(BsonValue spec, QueryContext context)
    {
        if (spec is not BsonDocument d)
        {
            throw ErrorCodes.Parse("the $setWindowFields stage specification must be an object");
        }

        AggregationExpression? partition = null;
        BsonDocument? sort = null;
        BsonDocument? output = null;
        foreach (var element in d)
        {
            switch (element.Name)
            {
                case "partitionBy": partition = AggregationExpression.Compile(element.Value, context); break;
                case "sortBy":
                    SortStage.Parse(element.Value);
                    sort = element.Value.AsBsonDocument;
                    break;
                case "output": output = element.Value as BsonDocument ?? throw ErrorCodes.Parse("$setWindowFields 'output' must be an object"); break;
                default: throw ErrorCodes.Create(40415, "BSON field '$setWindowFields." + element.Name + "' is an unknown field.");
            }
        }

        var outputs = (output ?? throw ErrorCodes.Create(40414, "BSON field '$setWindowFields.output' is missing but a required field"))
            .Select(e => WindowOutput.Parse(e.Name, e.Value, context)).ToList();
        foreach (var o in outputs)
        {
            if ((o.IsRankFunction || o.ByRange || !IsUnbounded(o.Lower) || !IsUnbounded(o.Upper)) && sort is null)
            {
                throw ErrorCodes.Create(5339901, o.Operator + " with a bounded window or a rank requires a sortBy");
            }

            if (o.ByRange && sort!.ElementCount != 1)
            {
                throw ErrorCodes.Create(5339902, "Range-based window requires sortBy a single field");
            }
        }

        var key = sort is { ElementCount: 1 } ? AggregationExpression.Compile("$" + sort.GetElement(0).Name, context) : null;
        return new SetWindowFieldsStage(partition, sort is null ? null : SortSpec.Parse(sort), key, outputs);
    }

    private static bool IsUnbounded(BsonValue bound) => bound is BsonString { Value: "unbounded" };

    public override async IAsyncEnumerable<BsonDocument> RunAsync(IAsyncEnumerable<BsonDocument> input, PipelineRun run,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var budget = new MemoryBudget(run.Context.MemoryLimitBytes, "$setWindowFields exceeded the memory limit of " + run.Context.MemoryLimitBytes + " bytes");
        var partitions = new Dictionary<BsonValue, List<BsonDocument>>(BsonValueComparer.Instance);
        var order = new List<BsonValue>();
        await foreach (var document in input.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            budget.Add(AccumulatorKinds.SizeOf(document));
            var key = partitionBy?.Evaluate(document, run.Now) ?? BsonNull.Value;
            if (!partitions.TryGetValue(key, out var list))
            {
                partitions[key] = list = [];
                order.Add(key);
            }

            list.Add(document);
        }

        // MongoDB sorts by the partition key first, so partitions come out in key order.
        order.Sort(BsonValueComparer.Instance);
        foreach (var key in order)
        {
            var docs = partitions[key];
            if (sortBy is not null)
            {
                docs = [.. docs.Order(sortBy)];
            }

            var results = docs.Select(d => new BsonDocument(d)).ToList();
            foreach (var output in outputs)
            {
                var values = Compute(output, docs, run.Now);
                for (var i = 0; i < docs.Count; i++)
                {
                    results[i] = DocumentPaths.With(results[i], output.Field.Split('.'), values[i]);
                }
            }

            foreach (var result in results)
            {
                yield return result;
            }
        }
    }

    private BsonValue?[] Compute(WindowOutput output, List<BsonDocument> docs, DateTime now)
    {
        var values = new BsonValue?[docs.Count];
        if (output.IsRankFunction)
        {
            var rank = 0;
            var dense = 0;
            for (var i = 0; i < docs.Count; i++)
            {
                var tie = i > 0 && sortBy!.Compare(docs[i - 1], docs[i]) == 0;
                rank = tie ? rank : i + 1;
                dense = tie ? dense : dense + 1;
                values[i] = output.Operator switch
                {
                    "$rank" => new BsonInt32(rank),
                    "$denseRank" => new BsonInt32(dense),
                    "$documentNumber" => new BsonInt32(i + 1),
                    _ => i + output.ShiftBy >= 0 && i + output.ShiftBy < docs.Count
                        ? output.Argument!.Evaluate(docs[i + output.ShiftBy], now) ?? BsonNull.Value
                        : output.ShiftDefault!.Evaluate(docs[i], now),
                };
            }

            return values;
        }

        var arguments = docs.Select(d => output.Argument!.Evaluate(d, now)).ToArray();
        var keys = output.ByRange ? docs.Select(d => sortKey!.Evaluate(d, now)).ToArray() : null;
        for (var i = 0; i < docs.Count; i++)
        {
            var (from, to) = output.ByRange ? RangeWindow(output, keys!, i) : DocumentWindow(output, docs.Count, i);
            var accumulator = output.Create!();
            for (var j = Math.Max(from, 0); j <= Math.Min(to, docs.Count - 1); j++)
            {
                accumulator.Add(arguments[j]);
            }

            values[i] = accumulator.Result();
        }

        return values;
    }

    private static (int From, int To) DocumentWindow(WindowOutput output, int count, int i) =>
        (Bound(output.Lower, i, 0), Bound(output.Upper, i, count - 1));

    private static int Bound(BsonValue bound, int current, int unbounded) => bound switch
    {
        BsonString { Value: "unbounded" } => unbounded,
        BsonString => current,
        _ => (int)Math.Clamp(current + bound.ToInt64(), int.MinValue / 2, int.MaxValue / 2),
    };

    private static (int From, int To) RangeWindow(WindowOutput output, BsonValue?[] keys, int i)
    {
        var from = 0;
        var to = keys.Length - 1;
        var lower = Shift(keys[i], output.Lower, output.Unit);
        var upper = Shift(keys[i], output.Upper, output.Unit);
        while (from < keys.Length && lower is not null && BsonValueComparer.Instance.Compare(keys[from], lower) < 0)
        {
            from++;
        }

        while (to >= 0 && upper is not null && BsonValueComparer.Instance.Compare(keys[to], upper) > 0)
        {
            to--;
        }

        return (from, to);
    }

    /// <summary>The key at a bound: null for unbounded, the current key, or the key moved by a number (of units for dates).</summary>
    private static BsonValue? Shift(BsonValue? key, BsonValue bound, string? unit)
    {
        if (bound is BsonString s)
        {
            return s.Value == "unbounded" ? null : key;
        }

        if (key is BsonDateTime date && unit is not null)
        {
            return new BsonDateTime(Expressions.Operators.DateArithmeticOperators.Add(date.MillisecondsSinceEpoch, unit, bound.ToInt64(), TimeZoneSpec.Utc));
        }

        if (!Values.IsNumber(key))
        {
            throw ErrorCodes.Create(5429414, "Invalid range: Expected the sortBy field to be a number, but it was " + ExpressionErrors.TypeName(key));
        }

        return Expressions.Operators.Numeric.Add(key!, bound);
    }
}

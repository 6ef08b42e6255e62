using System.Runtime.CompilerServices;
using Ferry.Query.Aggregation.Accumulators;
using Ferry.Query.Common;
using Ferry.Query.Expressions;
using MongoDB.Bson;

namespace Ferry.Query.Aggregation.Stages;

/// <summary>
/// $group: groups by the value of the _id expression (missing groups as null; 1 and 1.0 are one group) and
/// runs each output field's accumulator over the group. Groups come out in first-seen order. Blocking; the
/// groups' size is bounded by the memory limit.
/// </summary>
internal sealed class GroupStage : PipelineStage
{
    private readonly AggregationExpression _id;
    private readonly List<(string Field, Func<Accumulator> Create, AggregationExpression Argument)> _fields;

    public GroupStage(AggregationExpression id, List<(string Field, Func<Accumulator> Create, AggregationExpression Argument)> fields)
    {
        _id = id;
        _fields = fields;
    }

    public override string Name => "$group";

    /// <summary>The output fields and their accumulators (for stages built on $group, such as $bucketAuto).</summary>
    internal IReadOnlyList<(string Field, Func<Accumulator> Create, AggregationExpression Argument)> Fields => _fields;

    public static GroupStage Parse(BsonValue spec, QueryContext context)
    {
        if (spec is not BsonDocument d)
        {
            throw ErrorCodes.Create(15947, "a group's fields must be specified in an object");
        }

        AggregationExpression? id = null;
        var fields = new List<(string, Func<Accumulator>, AggregationExpression)>();
        foreach (var element in d)
        {
            if (element.Name == "_id")
            {
                id = AggregationExpression.Compile(element.Value, context);
                continue;
            }

            if (element.Name.StartsWith('$'))
            {
                throw ErrorCodes.Create(40236, "The field name '" + element.Name + "' cannot be an operator name");
            }

            if (element.Name.Contains('.', StringComparison.Ordinal))
            {
                throw ErrorCodes.Create(40235, "The field name '" + element.Name + "' cannot contain '.'");
            }

            if (element.Value is not BsonDocument accumulator)
            {
                throw ErrorCodes.Create(40234, "The field '" + element.Name + "' must be an accumulator object");
            }

            if (accumulator.ElementCount != 1)
            {
                throw ErrorCodes.Create(40238, "The field '" + element.Name + "' must specify one accumulator");
            }

            var op = accumulator.GetElement(0);
            if (SelectionAccumulators.IsSelection(op.Name))
            {
                var (createSelection, selectionArgument) = SelectionAccumulators.Parse(op.Name, op.Value);
                fields.Add((element.Name, createSelection, AggregationExpression.Compile(selectionArgument, context)));
                continue;
            }

            var create = AccumulatorKinds.Find(op.Name) ?? throw ErrorCodes.Create(15952, "unknown group operator '" + op.Name + "'");
            AggregationExpression argument;
            if (op.Name == "$count")
            {
                if (op.Value is not BsonDocument { ElementCount: 0 })
                {
                    throw ErrorCodes.Bad("$count takes no arguments, i.e. $count:{}");
                }

                argument = AggregationExpression.Compile(1, context);
            }
            else
            {
                if (op.Value is BsonArray)
                {
                    throw ErrorCodes.Create(40237, "The " + op.Name + " accumulator is a unary operator");
                }

                argument = AggregationExpression.Compile(op.Value, context);
            }

            fields.Add((element.Name, create, argument));
        }

        if (id is null)
        {
            throw ErrorCodes.Create(15955, "a group specification must include an _id");
        }

        return new GroupStage(id, fields);
    }

    public override async IAsyncEnumerable<BsonDocument> RunAsync(IAsyncEnumerable<BsonDocument> input, PipelineRun run,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var groups = new Dictionary<BsonValue, Accumulator[]>(BsonValueComparer.Instance);
        var order = new List<(BsonValue Key, Accumulator[] Accumulators)>();
        var budget = new MemoryBudget(run.Context.MemoryLimitBytes,
            "Exceeded memory limit for $group, but didn't allow external spilling; the limit is " + run.Context.MemoryLimitBytes + " bytes.");
        await foreach (var document in input.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var key = _id.Evaluate(document, run.Now) ?? BsonNull.Value;
            if (!groups.TryGetValue(key, out var accumulators))
            {
                accumulators = _fields.Select(f => f.Create()).ToArray();
                groups.Add(key, accumulators);
                order.Add((key, accumulators));
                budget.Add(AccumulatorKinds.SizeOf(key) + 64);
            }

            for (var i = 0; i < accumulators.Length; i++)
            {
                var before = accumulators[i].ApproximateBytes;
                accumulators[i].Add(_fields[i].Argument.Evaluate(document, run.Now));
                budget.Add(accumulators[i].ApproximateBytes - before);
            }
        }

        foreach (var (key, accumulators) in order)
        {
            var output = new BsonDocument("_id", key);
            for (var i = 0; i < accumulators.Length; i++)
            {
                output[_fields[i].Field] = accumulators[i].Result();
            }

            yield return output;
        }
    }
}

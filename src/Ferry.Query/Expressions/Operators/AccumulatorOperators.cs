using Ferry.Query.Aggregation.Accumulators;
using MongoDB.Bson;

namespace Ferry.Query.Expressions.Operators;

/// <summary>
/// $sum $avg $min $max $stdDevPop $stdDevSamp as expressions: with one argument that is an array they
/// accumulate its elements; otherwise they accumulate their arguments.
/// </summary>
internal static class AccumulatorOperators
{
    public static void Register(Dictionary<string, OperatorParser> table)
    {
        foreach (var name in new[] { "$sum", "$avg", "$min", "$max", "$stdDevPop", "$stdDevSamp" })
        {
            table[name] = (parser, n, operand) =>
            {
                var args = parser.Arguments(operand);
                var single = args.Length == 1;
                return new FunctionNode(args, values =>
                {
                    var accumulator = AccumulatorKinds.Find(n)!();
                    var items = single && values[0] is BsonArray a ? a.Cast<BsonValue?>() : values;
                    foreach (var item in items)
                    {
                        accumulator.Add(item);
                    }

                    return accumulator.Result();
                });
            };
        }
    }
}

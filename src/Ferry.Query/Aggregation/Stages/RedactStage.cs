using Ferry.Query.Common;
using Ferry.Query.Expressions;
using MongoDB.Bson;

namespace Ferry.Query.Aggregation.Stages;

/// <summary>
/// $redact: evaluates its expression at each document level ($$CURRENT = that level): $$KEEP keeps the level
/// whole, $$PRUNE drops it, $$DESCEND keeps its fields and repeats the decision for embedded documents,
/// including documents inside arrays.
/// </summary>
internal sealed class RedactStage(AggregationExpression expression) : DocumentStage
{
    public override string Name => "$redact";

    public override BsonDocument? Apply(BsonDocument document, PipelineRun run) => Redact(document, document, run.Now);

    private BsonDocument? Redact(BsonDocument root, BsonDocument current, DateTime now)
    {
        var decision = expression.Evaluate(root, current, now);
        switch (decision)
        {
            case BsonString { Value: "keep" }:
                return current;
            case BsonString { Value: "prune" }:
                return null;
            case BsonString { Value: "descend" }:
                var output = new BsonDocument();
                foreach (var element in current)
                {
                    var value = element.Value switch
                    {
                        BsonDocument d => Redact(root, d, now),
                        BsonArray a => RedactArray(root, a, now),
                        _ => element.Value,
                    };
                    if (value is not null)
                    {
                        output.Add(element.Name, value);
                    }
                }

                return output;
            default:
                throw ErrorCodes.Create(17053, "$redact's expression should not return anything aside from the variables $$KEEP, $$DESCEND, and $$PRUNE, but returned " +
                    (decision?.ToJson() ?? "MISSING"));
        }
    }

    private BsonArray RedactArray(BsonDocument root, BsonArray array, DateTime now)
    {
        var output = new BsonArray();
        foreach (var element in array)
        {
            var value = element switch
            {
                BsonDocument d => Redact(root, d, now),
                BsonArray a => RedactArray(root, a, now),
                _ => element,
            };
            if (value is not null)
            {
                output.Add(value);
            }
        }

        return output;
    }
}

using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Query.Expressions;

/// <summary>
/// A compiled aggregation expression (<c>"$field"</c>, <c>{ $add: [...] }</c>, literals, <c>$$var</c>).
/// INTERIM: field paths and literals only; the expression engine replaces this file (same public API).
/// </summary>
public abstract class AggregationExpression
{
    /// <summary>Compiles an expression; unknown operators throw <see cref="MqlException"/> (code 168 InvalidPipelineOperator).</summary>
    public static AggregationExpression Compile(BsonValue expression, QueryContext? context = null) =>
        expression is BsonString s && s.Value.StartsWith('$') && !s.Value.StartsWith("$$", StringComparison.Ordinal)
            ? new FieldPathExpression(s.Value[1..])
            : new LiteralExpression(expression);

    /// <summary>Evaluates against a root document; returns null for "missing".</summary>
    public abstract BsonValue? Evaluate(BsonDocument root);

    private sealed class LiteralExpression(BsonValue value) : AggregationExpression
    {
        public override BsonValue? Evaluate(BsonDocument root) => value;
    }

    private sealed class FieldPathExpression(string path) : AggregationExpression
    {
        public override BsonValue? Evaluate(BsonDocument root)
        {
            BsonValue current = root;
            foreach (var part in path.Split('.'))
            {
                if (current is not BsonDocument d || !d.TryGetValue(part, out current!))
                {
                    return null;
                }
            }

            return current;
        }
    }
}

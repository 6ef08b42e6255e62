using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Query.Expressions;

/// <summary>
/// A compiled aggregation expression (<c>"$field"</c>, <c>{ $add: [...] }</c>, literals, <c>$$var</c>) with MongoDB's
/// semantics: field paths that fan out through arrays, null/missing propagation, numeric widening, and MongoDB's
/// error codes. Compiling checks everything that can be checked without a document (unknown operators, argument
/// counts, undefined variables), so a bad expression fails before any data is read.
/// </summary>
public sealed class AggregationExpression
{
    private readonly ExpressionNode _root;
    private readonly int _slotCount;
    private readonly QueryContext _context;

    private AggregationExpression(ExpressionNode root, int slotCount, QueryContext context)
    {
        _root = root;
        _slotCount = slotCount;
        _context = context;
    }

    /// <summary>Compiles an expression; unknown operators throw <see cref="MqlException"/> (code 168 InvalidPipelineOperator).</summary>
    public static AggregationExpression Compile(BsonValue expression, QueryContext? context = null)
    {
        context ??= QueryContext.Default;
        var parser = new ExpressionParser(context);
        var root = parser.Parse(expression);
        return new AggregationExpression(root, parser.SlotCount, context);
    }

    /// <summary>True when the expression is a constant (a literal or <c>$literal</c>), whatever the document.</summary>
    public bool IsConstant => _root.TryGetConstant(out _);

    /// <summary>Evaluates against a root document; returns null for "missing". $$NOW is read from the context's clock.</summary>
    public BsonValue? Evaluate(BsonDocument root) => Evaluate(root, Now(_context));

    /// <summary>Evaluates with a fixed $$NOW, so every document of one operation sees the same instant (as in MongoDB).</summary>
    public BsonValue? Evaluate(BsonDocument root, DateTime now) => _root.Evaluate(new EvaluationScope(root, _slotCount, now));

    /// <summary>Evaluates with $$CURRENT (where plain field paths start) bound to an embedded document ($redact).</summary>
    internal BsonValue? Evaluate(BsonDocument root, BsonDocument current, DateTime now) => _root.Evaluate(new EvaluationScope(root, _slotCount, now, current));

    /// <summary>
    /// Evaluates a command's <c>let</c> document: each value is an expression evaluated once, against no document
    /// (so <c>{ $literal: "$x" }</c> is the string and <c>$$NOW</c> works). The result is what
    /// <see cref="QueryContext.Variables"/> should hold. Names are checked like MongoDB's (lowercase first letter).
    /// </summary>
    public static BsonDocument EvaluateLet(BsonDocument let, QueryContext? context = null)
    {
        context ??= QueryContext.Default;
        var now = Now(context);
        var result = new BsonDocument();
        foreach (var element in let)
        {
            ExpressionParser.ValidateVariableName(element.Name);
            result[element.Name] = Compile(element.Value, context).Evaluate([], now) ?? BsonNull.Value;
        }

        return result;
    }

    /// <summary>The current instant from a context's clock, truncated to milliseconds like a BSON date.</summary>
    public static DateTime Now(QueryContext context)
    {
        var ms = context.Time.GetUtcNow().ToUnixTimeMilliseconds();
        return DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime;
    }
}

using MongoDB.Bson;

namespace Ferry.Query.Expressions;

/// <summary>A node of a compiled expression tree; <see cref="Evaluate"/> returns null for "missing".</summary>
internal abstract class ExpressionNode
{
    public abstract BsonValue? Evaluate(EvaluationScope scope);

    /// <summary>The constant value when the node is a literal (lets parsers read options such as <c>to</c> early).</summary>
    public virtual bool TryGetConstant(out BsonValue? value)
    {
        value = null;
        return false;
    }
}

/// <summary>A constant: a literal value or <c>$literal</c>.</summary>
internal sealed class LiteralNode(BsonValue? value) : ExpressionNode
{
    public override BsonValue? Evaluate(EvaluationScope scope) => value;

    public override bool TryGetConstant(out BsonValue? constant)
    {
        constant = value;
        return true;
    }
}

/// <summary>An operator whose arguments are all evaluated first, then combined.</summary>
internal sealed class FunctionNode(ExpressionNode[] arguments, Func<BsonValue?[], BsonValue?> function) : ExpressionNode
{
    public override BsonValue? Evaluate(EvaluationScope scope)
    {
        var values = new BsonValue?[arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            values[i] = arguments[i].Evaluate(scope);
        }

        return function(values);
    }
}

/// <summary>An operator that controls evaluation of its arguments itself ($cond, $and, $map, ...).</summary>
internal sealed class LazyNode(Func<EvaluationScope, BsonValue?> evaluate) : ExpressionNode
{
    public override BsonValue? Evaluate(EvaluationScope scope) => evaluate(scope);
}

/// <summary>An expression object <c>{ a: expr, b: expr }</c>: fields whose value is missing are left out.</summary>
internal sealed class ObjectNode(List<(string Name, ExpressionNode Value)> fields) : ExpressionNode
{
    public override BsonValue? Evaluate(EvaluationScope scope)
    {
        var result = new BsonDocument();
        foreach (var (name, node) in fields)
        {
            var value = node.Evaluate(scope);
            if (value is not null)
            {
                result[name] = value;
            }
        }

        return result;
    }
}

/// <summary>An array of expressions: missing elements become null, as in MongoDB.</summary>
internal sealed class ArrayNode(ExpressionNode[] elements) : ExpressionNode
{
    public override BsonValue? Evaluate(EvaluationScope scope)
    {
        var result = new BsonArray(elements.Length);
        foreach (var element in elements)
        {
            result.Add(element.Evaluate(scope) ?? BsonNull.Value);
        }

        return result;
    }
}

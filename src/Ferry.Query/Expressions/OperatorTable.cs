using System.Collections.Frozen;
using MongoDB.Bson;

namespace Ferry.Query.Expressions;

/// <summary>Compiles one operator's operand (<c>{ $name: operand }</c>) into a node.</summary>
internal delegate ExpressionNode OperatorParser(ExpressionParser parser, string name, BsonValue operand);

/// <summary>Every expression operator the engine knows, by name; built once, never changed.</summary>
internal static class OperatorTable
{
    private static readonly FrozenDictionary<string, OperatorParser> Table = Build();

    public static bool TryGet(string name, out OperatorParser parser) => Table.TryGetValue(name, out parser!);

    private static FrozenDictionary<string, OperatorParser> Build()
    {
        var table = new Dictionary<string, OperatorParser>(StringComparer.Ordinal);
        Operators.ArithmeticOperators.Register(table);
        Operators.ComparisonOperators.Register(table);
        Operators.LogicOperators.Register(table);
        Operators.VariableOperators.Register(table);
        Operators.StringOperators.Register(table);
        Operators.TypeOperators.Register(table);
        Operators.DateOperators.Register(table);
        Operators.ArrayOperators.Register(table);
        Operators.SetOperators.Register(table);
        Operators.ObjectOperators.Register(table);
        Operators.AccumulatorOperators.Register(table);
        Operators.TrigonometryOperators.Register(table);
        Operators.ArraySelectionOperators.Register(table);
        Operators.BsonInfoOperators.Register(table);
        return table.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>An operator of exactly <paramref name="count"/> eagerly evaluated arguments.</summary>
    public static OperatorParser Fixed(int count, Func<string, BsonValue?[], BsonValue?> function) =>
        (parser, name, operand) => Function(parser.Exactly(name, operand, count), values => function(name, values));

    /// <summary>An operator of any number of eagerly evaluated arguments.</summary>
    public static OperatorParser Variadic(Func<string, BsonValue?[], BsonValue?> function) =>
        (parser, name, operand) => Function(parser.Arguments(operand), values => function(name, values));

    /// <summary>A one-argument operator.</summary>
    public static OperatorParser Unary(Func<string, BsonValue?, BsonValue?> function) =>
        (parser, name, operand) => Function(parser.Exactly(name, operand, 1), values => function(name, values[0]));

    /// <summary>
    /// A function node, folded to a constant when every argument is one, as MongoDB's optimizer does; so
    /// <c>{ $divide: [1, 0] }</c> fails when the pipeline is parsed, even over an empty collection.
    /// </summary>
    private static ExpressionNode Function(ExpressionNode[] arguments, Func<BsonValue?[], BsonValue?> function)
    {
        var constants = new BsonValue?[arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            if (!arguments[i].TryGetConstant(out constants[i]))
            {
                return new FunctionNode(arguments, function);
            }
        }

        return new LiteralNode(function(constants));
    }
}

using Ferry.Query.Aggregation.Accumulators;
using MongoDB.Bson;

namespace Ferry.Query.Expressions.Operators;

/// <summary>$mergeObjects $getField $setField $unsetField.</summary>
internal static class ObjectOperators
{
    public static void Register(Dictionary<string, OperatorParser> table)
    {
        table["$mergeObjects"] = OperatorTable.Variadic((_, v) =>
        {
            var merge = new MergeObjectsAccumulator();
            foreach (var value in v)
            {
                merge.Add(value);
            }

            return merge.Result();
        });
        table["$getField"] = ParseGetField;
        table["$setField"] = (parser, name, operand) => ParseSetField(parser, name, operand, remove: false);
        table["$unsetField"] = (parser, name, operand) => ParseSetField(parser, name, operand, remove: true);
    }

    private static ExpressionNode ParseGetField(ExpressionParser parser, string name, BsonValue operand)
    {
        BsonValue fieldSpec;
        ExpressionNode input;
        if (operand is BsonDocument d && (d.Contains("field") || d.Contains("input")))
        {
            var args = parser.Named(name, operand, ["field"], ["input"]);
            fieldSpec = args["field"];
            input = args.TryGetValue("input", out var i) ? parser.Parse(i) : new LazyNode(scope => scope.Root);
        }
        else
        {
            fieldSpec = operand;
            input = new LazyNode(scope => scope.Root);
        }

        var field = ConstantFieldName(parser, name, fieldSpec);
        return new LazyNode(scope =>
        {
            var value = input.Evaluate(scope);
            if (Values.IsNullish(value))
            {
                return BsonNull.Value;
            }

            if (value is not BsonDocument doc)
            {
                throw ExpressionErrors.Location(3041705, "$getField requires 'input' to evaluate to type Object, but got " + ExpressionErrors.TypeName(value));
            }

            return doc.TryGetValue(field, out var found) ? found : null;
        });
    }

    private static string ConstantFieldName(ExpressionParser parser, string name, BsonValue spec)
    {
        if (parser.Parse(spec).TryGetConstant(out var constant) && constant is BsonString s)
        {
            return s.Value;
        }

        throw ExpressionErrors.Location(5654602, name + " requires 'field' to evaluate to a constant, but got a non-constant argument");
    }

    private static ExpressionNode ParseSetField(ExpressionParser parser, string name, BsonValue operand, bool remove)
    {
        var args = remove ? parser.Named(name, operand, ["field", "input"], []) : parser.Named(name, operand, ["field", "input", "value"], []);
        var field = ConstantFieldName(parser, name, args["field"]);
        var input = parser.Parse(args["input"]);
        var value = remove ? null : parser.Parse(args["value"]);
        return new LazyNode(scope =>
        {
            var doc = input.Evaluate(scope);
            if (Values.IsNullish(doc))
            {
                return BsonNull.Value;
            }

            if (doc is not BsonDocument d)
            {
                throw ExpressionErrors.Location(4161105, name + " requires 'input' to evaluate to type Object");
            }

            var result = new BsonDocument(d);
            var newValue = value?.Evaluate(scope);
            if (newValue is null)
            {
                result.Remove(field);
            }
            else
            {
                result[field] = newValue;
            }

            return result;
        });
    }
}

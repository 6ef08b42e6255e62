using MongoDB.Bson;

namespace Ferry.Query.Expressions.Operators;

/// <summary>$literal, and the operators that bind local variables: $let, $map, $filter, $reduce.</summary>
internal static class VariableOperators
{
    public static void Register(Dictionary<string, OperatorParser> table)
    {
        table["$literal"] = (_, _, operand) => new LiteralNode(operand);
        table["$const"] = (_, _, operand) => new LiteralNode(operand);
        table["$let"] = ParseLet;
        table["$map"] = ParseMap;
        table["$filter"] = ParseFilter;
        table["$reduce"] = ParseReduce;
    }

    private static ExpressionNode ParseLet(ExpressionParser parser, string name, BsonValue operand)
    {
        if (operand is not BsonDocument d)
        {
            throw ExpressionErrors.Location(16874, "$let only supports an object as its argument");
        }

        BsonDocument? vars = null;
        BsonValue? body = null;
        foreach (var element in d)
        {
            switch (element.Name)
            {
                case "vars":
                    vars = element.Value as BsonDocument ?? throw ExpressionErrors.Location(10065, "invalid parameter: expected an object (vars)");
                    break;
                case "in":
                    body = element.Value;
                    break;
                default:
                    throw ExpressionErrors.Location(16875, "Unrecognized parameter to $let: " + element.Name);
            }
        }

        if (vars is null)
        {
            throw ExpressionErrors.Location(16876, "Missing 'vars' parameter to $let");
        }

        if (body is null)
        {
            throw ExpressionErrors.Location(16877, "Missing 'in' parameter to $let");
        }

        // Variable values are evaluated in the enclosing scope, so they cannot see each other.
        var values = vars.Select(e => parser.Parse(e.Value)).ToArray();
        var slots = parser.DeclareVariables(vars.Names.ToList());
        var bodyNode = parser.Parse(body);
        parser.CloseScope();
        return new LazyNode(scope =>
        {
            var computed = new BsonValue?[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                computed[i] = values[i].Evaluate(scope);
            }

            for (var i = 0; i < slots.Length; i++)
            {
                scope.Slots[slots[i]] = computed[i];
            }

            return bodyNode.Evaluate(scope);
        });
    }

    private static ExpressionNode ParseMap(ExpressionParser parser, string name, BsonValue operand)
    {
        var args = ExpressionParser.Named(name, operand, ["input", "in"], ["as"], new NamedArgumentCodes(16878, 16879, r => r == "input" ? 16880 : 16882));
        var input = parser.Parse(args["input"]);
        var slot = parser.DeclareVariables([AsName(args)])[0];
        var body = parser.Parse(args["in"]);
        parser.CloseScope();
        return new LazyNode(scope =>
        {
            var value = input.Evaluate(scope);
            if (Values.IsNullish(value))
            {
                return BsonNull.Value;
            }

            if (value is not BsonArray array)
            {
                throw ExpressionErrors.Location(16883, "input to $map must be an array not " + ExpressionErrors.TypeName(value));
            }

            var result = new BsonArray(array.Count);
            foreach (var element in array)
            {
                scope.Slots[slot] = element;
                result.Add(body.Evaluate(scope) ?? BsonNull.Value);
            }

            return result;
        });
    }

    private static ExpressionNode ParseFilter(ExpressionParser parser, string name, BsonValue operand)
    {
        var args = ExpressionParser.Named(name, operand, ["input", "cond"], ["as", "limit"], new NamedArgumentCodes(28646, 28647, r => r == "input" ? 28648 : 28650));
        var input = parser.Parse(args["input"]);
        var limit = args.TryGetValue("limit", out var l) ? parser.Parse(l) : null;
        var slot = parser.DeclareVariables([AsName(args)])[0];
        var condition = parser.Parse(args["cond"]);
        parser.CloseScope();
        return new LazyNode(scope =>
        {
            var value = input.Evaluate(scope);
            if (Values.IsNullish(value))
            {
                return BsonNull.Value;
            }

            if (value is not BsonArray array)
            {
                throw ExpressionErrors.Location(28651, "input to $filter must be an array not " + ExpressionErrors.TypeName(value));
            }

            var max = long.MaxValue;
            if (limit is not null)
            {
                var limitValue = limit.Evaluate(scope);
                if (!Values.IsNullish(limitValue))
                {
                    if (!Values.IsNumber(limitValue) || !Numeric.TryToLongExact(limitValue!, out max) || max <= 0)
                    {
                        throw ExpressionErrors.Location(327391, "$filter: limit must be a positive integral value, but was " + limitValue!.ToJson());
                    }
                }
            }

            var result = new BsonArray();
            foreach (var element in array)
            {
                if (result.Count >= max)
                {
                    break;
                }

                scope.Slots[slot] = element;
                if (Values.ToBool(condition.Evaluate(scope)))
                {
                    result.Add(element);
                }
            }

            return result;
        });
    }

    private static ExpressionNode ParseReduce(ExpressionParser parser, string name, BsonValue operand)
    {
        var args = ExpressionParser.Named(name, operand, ["input", "initialValue", "in"], []);
        var input = parser.Parse(args["input"]);
        var initial = parser.Parse(args["initialValue"]);
        var slots = parser.DeclareVariables(["this", "value"]);
        var body = parser.Parse(args["in"]);
        parser.CloseScope();
        return new LazyNode(scope =>
        {
            var value = input.Evaluate(scope);
            if (Values.IsNullish(value))
            {
                return BsonNull.Value;
            }

            if (value is not BsonArray array)
            {
                throw ExpressionErrors.Location(40080, "$reduce requires an array as an input, found: " + ExpressionErrors.TypeName(value));
            }

            var accumulated = initial.Evaluate(scope);
            foreach (var element in array)
            {
                scope.Slots[slots[0]] = element;
                scope.Slots[slots[1]] = accumulated;
                accumulated = body.Evaluate(scope);
            }

            return accumulated;
        });
    }

    private static string AsName(Dictionary<string, BsonValue> args) =>
        args.TryGetValue("as", out var a) ? (a as BsonString)?.Value ?? throw ExpressionErrors.Location(16866, "'as' must be a string") : "this";
}

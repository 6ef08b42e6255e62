using MongoDB.Bson;

namespace Ferry.Query.Expressions.Operators;

/// <summary>$and $or $not (short-circuiting) and the conditionals $cond $ifNull $switch.</summary>
internal static class LogicOperators
{
    public static void Register(Dictionary<string, OperatorParser> table)
    {
        table["$and"] = (parser, _, operand) =>
        {
            var args = parser.Arguments(operand);
            return new LazyNode(scope => BsonBoolean.Create(args.All(a => Values.ToBool(a.Evaluate(scope)))));
        };
        table["$or"] = (parser, _, operand) =>
        {
            var args = parser.Arguments(operand);
            return new LazyNode(scope => BsonBoolean.Create(args.Any(a => Values.ToBool(a.Evaluate(scope)))));
        };
        table["$not"] = OperatorTable.Unary((_, v) => BsonBoolean.Create(!Values.ToBool(v)));
        table["$cond"] = ParseCond;
        table["$ifNull"] = ParseIfNull;
        table["$switch"] = ParseSwitch;
    }

    private static ExpressionNode ParseCond(ExpressionParser parser, string name, BsonValue operand)
    {
        ExpressionNode condition, then, otherwise;
        if (operand is BsonDocument d)
        {
            BsonValue? i = null, t = null, e = null;
            foreach (var element in d)
            {
                switch (element.Name)
                {
                    case "if": i = element.Value; break;
                    case "then": t = element.Value; break;
                    case "else": e = element.Value; break;
                    default: throw ExpressionErrors.Location(17083, "Unrecognized parameter to $cond: " + element.Name);
                }
            }

            condition = parser.Parse(i ?? throw ExpressionErrors.Location(17080, "Missing 'if' parameter to $cond"));
            then = parser.Parse(t ?? throw ExpressionErrors.Location(17081, "Missing 'then' parameter to $cond"));
            otherwise = parser.Parse(e ?? throw ExpressionErrors.Location(17082, "Missing 'else' parameter to $cond"));
        }
        else
        {
            var args = parser.Exactly(name, operand, 3);
            (condition, then, otherwise) = (args[0], args[1], args[2]);
        }

        return new LazyNode(scope => Values.ToBool(condition.Evaluate(scope)) ? then.Evaluate(scope) : otherwise.Evaluate(scope));
    }

    private static ExpressionNode ParseIfNull(ExpressionParser parser, string name, BsonValue operand)
    {
        var args = parser.Arguments(operand);
        if (args.Length < 2)
        {
            throw ExpressionErrors.Location(1257300, "$ifNull needs at least two arguments, had: " + args.Length);
        }

        return new LazyNode(scope =>
        {
            for (var i = 0; i < args.Length - 1; i++)
            {
                var value = args[i].Evaluate(scope);
                if (!Values.IsNullish(value))
                {
                    return value;
                }
            }

            return args[^1].Evaluate(scope);
        });
    }

    private static ExpressionNode ParseSwitch(ExpressionParser parser, string name, BsonValue operand)
    {
        if (operand is not BsonDocument d)
        {
            throw ExpressionErrors.Location(40060, "$switch requires an object as an argument, found: " + ExpressionErrors.TypeName(operand));
        }

        var branches = new List<(ExpressionNode Case, ExpressionNode Then)>();
        ExpressionNode? fallback = null;
        foreach (var element in d)
        {
            if (element.Name == "branches")
            {
                if (element.Value is not BsonArray array)
                {
                    throw ExpressionErrors.Location(40061, "$switch expected an array for 'branches', found: " + ExpressionErrors.TypeName(element.Value));
                }

                foreach (var branch in array)
                {
                    if (branch is not BsonDocument b)
                    {
                        throw ExpressionErrors.Location(40062, "$switch expected each branch to be an object, found: " + ExpressionErrors.TypeName(branch));
                    }

                    ExpressionNode? c = null, t = null;
                    foreach (var part in b)
                    {
                        switch (part.Name)
                        {
                            case "case": c = parser.Parse(part.Value); break;
                            case "then": t = parser.Parse(part.Value); break;
                            default: throw ExpressionErrors.Location(40063, "$switch found an unknown argument to a branch: " + part.Name);
                        }
                    }

                    branches.Add((c ?? throw ExpressionErrors.Location(40064, "$switch requires each branch have a 'case' expression"),
                        t ?? throw ExpressionErrors.Location(40065, "$switch requires each branch have a 'then' expression.")));
                }
            }
            else if (element.Name == "default")
            {
                fallback = parser.Parse(element.Value);
            }
            else
            {
                throw ExpressionErrors.Location(40067, "$switch found an unknown argument: " + element.Name);
            }
        }

        if (branches.Count == 0)
        {
            throw ExpressionErrors.Location(40068, "$switch requires at least one branch.");
        }

        return new LazyNode(scope =>
        {
            foreach (var (c, t) in branches)
            {
                if (Values.ToBool(c.Evaluate(scope)))
                {
                    return t.Evaluate(scope);
                }
            }

            return fallback is not null
                ? fallback.Evaluate(scope)
                : throw ExpressionErrors.Location(40066, "$switch could not find a matching branch for an input, and no default was specified.");
        });
    }
}

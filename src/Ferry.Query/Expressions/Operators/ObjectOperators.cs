using Ferry.Query.Aggregation.Accumulators;
using MongoDB.Bson;

namespace Ferry.Query.Expressions.Operators;

/// <summary>$mergeObjects $getField $setField $unsetField $arrayToObject $objectToArray.</summary>
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
        table["$arrayToObject"] = OperatorTable.Unary((_, v) => ArrayToObject(v));
        table["$objectToArray"] = OperatorTable.Unary((_, v) => ObjectToArray(v));
        table["$setField"] = (parser, name, operand) => ParseSetField(parser, name, operand, remove: false);
        table["$unsetField"] = (parser, name, operand) => ParseSetField(parser, name, operand, remove: true);
    }

    private static BsonValue? ArrayToObject(BsonValue? value)
    {
        if (Values.IsNullish(value))
        {
            return BsonNull.Value;
        }

        if (value is not BsonArray a)
        {
            throw ExpressionErrors.Location(40386, "$arrayToObject requires an array input, found: " + ExpressionErrors.TypeName(value));
        }

        var result = new BsonDocument();
        if (a.Count == 0)
        {
            return result;
        }

        // The first element decides the format: [k, v] pairs or { k, v } documents; mixing them fails.
        var pairs = a[0] is BsonArray;
        if (!pairs && a[0] is not BsonDocument)
        {
            throw ExpressionErrors.Location(40398, "Unrecognised input type format for $arrayToObject: " + ExpressionErrors.TypeName(a[0]));
        }

        foreach (var element in a)
        {
            BsonValue key, val;
            if (pairs)
            {
                if (element is not BsonArray pair)
                {
                    throw ExpressionErrors.Location(40396, "$arrayToObject requires a consistent input format. Elements must all be arrays or all be objects. Array was detected, now found: " + ExpressionErrors.TypeName(element));
                }

                if (pair.Count != 2)
                {
                    throw ExpressionErrors.Location(40397, "$arrayToObject requires an array of size 2 arrays,found array of size: " + pair.Count);
                }

                if (pair[0] is not BsonString)
                {
                    throw ExpressionErrors.Location(40395, "$arrayToObject requires an array of key-value pairs, where the key must be of type string. Found key type: " + ExpressionErrors.TypeName(pair[0]));
                }

                (key, val) = (pair[0], pair[1]);
            }
            else
            {
                if (element is not BsonDocument kv)
                {
                    throw ExpressionErrors.Location(40391, "$arrayToObject requires a consistent input format. Elements must all be arrays or all be objects. Object was detected, now found: " + ExpressionErrors.TypeName(element));
                }

                if (kv.ElementCount != 2)
                {
                    throw ExpressionErrors.Location(40392, "$arrayToObject requires an object keys of 'k' and 'v'. Found incorrect number of keys:" + kv.ElementCount);
                }

                if (!kv.Contains("k") || !kv.Contains("v"))
                {
                    throw ExpressionErrors.Location(40393, "$arrayToObject requires an object with keys 'k' and 'v'. Missing either or both keys from: " + kv.ToJson());
                }

                if (kv["k"] is not BsonString)
                {
                    throw ExpressionErrors.Location(40394, "$arrayToObject requires an object with keys 'k' and 'v', where the value of 'k' must be of type string. Found type: " + ExpressionErrors.TypeName(kv["k"]));
                }

                (key, val) = (kv["k"], kv["v"]);
            }

            var name = key.AsString;
            if (name.Contains('\0', StringComparison.Ordinal))
            {
                throw ExpressionErrors.Location(pairs ? 4940400 : 4940401, "Key field cannot contain an embedded null byte");
            }

            result[name] = val;
        }

        return result;
    }

    private static BsonValue? ObjectToArray(BsonValue? value)
    {
        if (Values.IsNullish(value))
        {
            return BsonNull.Value;
        }

        if (value is not BsonDocument d)
        {
            throw ExpressionErrors.Location(40390, "$objectToArray requires a document input, found: " + ExpressionErrors.TypeName(value));
        }

        return new BsonArray(d.Select(e => new BsonDocument { { "k", e.Name }, { "v", e.Value } }));
    }

    private static ExpressionNode ParseGetField(ExpressionParser parser, string name, BsonValue operand)
    {
        BsonValue fieldSpec;
        ExpressionNode input;
        if (operand is BsonDocument d && (d.Contains("field") || d.Contains("input")))
        {
            var args = ExpressionParser.Named(name, operand, ["field"], ["input"]);
            fieldSpec = args["field"];
            input = args.TryGetValue("input", out var i) ? parser.Parse(i) : new LazyNode(scope => scope.Current);
        }
        else
        {
            fieldSpec = operand;
            input = new LazyNode(scope => scope.Current);
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
        var args = remove ? ExpressionParser.Named(name, operand, ["field", "input"], []) : ExpressionParser.Named(name, operand, ["field", "input", "value"], []);
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

using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Query.Expressions.Operators;

/// <summary>$size $arrayElemAt $first $last $in $concatArrays $slice $reverseArray $range $indexOfArray and the element tests.</summary>
internal static class ArrayOperators
{
    public static void Register(Dictionary<string, OperatorParser> table)
    {
        table["$size"] = OperatorTable.Unary((_, v) => v is BsonArray a
            ? new BsonInt32(a.Count)
            : throw ExpressionErrors.Location(17124, "The argument to $size must be an array. Type of argument was: " + ExpressionErrors.TypeName(v)));
        table["$arrayElemAt"] = OperatorTable.Fixed(2, (n, v) => ElementAt(n, v[0], v[1]));
        table["$first"] = OperatorTable.Unary((n, v) => ElementAt(n, v, new BsonInt32(0)));
        table["$last"] = OperatorTable.Unary((n, v) => ElementAt(n, v, new BsonInt32(-1)));
        table["$in"] = OperatorTable.Fixed(2, (_, v) => v[1] is BsonArray a
            ? BsonBoolean.Create(a.Any(e => BsonValueComparer.Instance.Equals(e, v[0])))
            : throw ExpressionErrors.Location(40081, "$in requires an array as a second argument, found: " + ExpressionErrors.TypeName(v[1])));
        table["$concatArrays"] = OperatorTable.Variadic((_, v) => ConcatArrays(v));
        table["$slice"] = (parser, name, operand) => new FunctionNode(parser.Between(name, operand, 2, 3), Slice);
        table["$reverseArray"] = OperatorTable.Unary((_, v) => Values.IsNullish(v) ? BsonNull.Value : v is BsonArray a
            ? new BsonArray(a.Reverse())
            : throw ExpressionErrors.Location(34435, "The argument to $reverseArray must be an array, but was of type: " + ExpressionErrors.TypeName(v)));
        table["$range"] = (parser, name, operand) => new FunctionNode(parser.Between(name, operand, 2, 3), Range);
        table["$indexOfArray"] = (parser, name, operand) => new FunctionNode(parser.Between(name, operand, 2, 4), IndexOfArray);
        table["$allElementsTrue"] = OperatorTable.Unary((n, v) => BsonBoolean.Create(RequireArray(n, v, 17040).All(Values.ToBool)));
        table["$anyElementTrue"] = OperatorTable.Unary((n, v) => BsonBoolean.Create(RequireArray(n, v, 17041).Any(Values.ToBool)));
        table["$zip"] = ParseZip;
    }

    private static BsonArray RequireArray(string name, BsonValue? value, int code) =>
        value as BsonArray ?? throw ExpressionErrors.Location(code, name + "'s argument must be an array, but is " + ExpressionErrors.TypeName(value));

    private static BsonValue? ElementAt(string name, BsonValue? array, BsonValue? index)
    {
        if (Values.IsNullish(array) || Values.IsNullish(index))
        {
            return BsonNull.Value;
        }

        var which = name == "$arrayElemAt" ? "$arrayElemAt's first argument" : name + "'s argument";
        if (array is not BsonArray a)
        {
            throw ExpressionErrors.Location(28689, which + " must be an array, but is " + ExpressionErrors.TypeName(array));
        }

        if (!Values.IsNumber(index))
        {
            throw ExpressionErrors.Location(28690, "$arrayElemAt's second argument must be a numeric value, but is " + ExpressionErrors.TypeName(index));
        }

        if (!Numeric.TryToIntExact(index!, out var i))
        {
            throw ExpressionErrors.Location(28691, "$arrayElemAt's second argument must be representable as a 32-bit integer: " + index);
        }

        var position = i < 0 ? a.Count + i : i;
        return position >= 0 && position < a.Count ? a[position] : null;
    }

    private static BsonValue? ConcatArrays(BsonValue?[] values)
    {
        var result = new BsonArray();
        foreach (var v in values)
        {
            if (Values.IsNullish(v))
            {
                return BsonNull.Value;
            }

            if (v is not BsonArray a)
            {
                throw ExpressionErrors.Location(28664, "$concatArrays only supports arrays, not " + ExpressionErrors.TypeName(v));
            }

            result.AddRange(a);
        }

        return result;
    }

    private static BsonValue? Slice(BsonValue?[] v)
    {
        if (v.Any(Values.IsNullish))
        {
            return BsonNull.Value;
        }

        if (v[0] is not BsonArray a)
        {
            throw ExpressionErrors.Location(28724, "First argument to $slice must be an array, but is of type: " + ExpressionErrors.TypeName(v[0]));
        }

        if (!Values.IsNumber(v[1]) || !Numeric.TryToIntExact(v[1]!, out var first))
        {
            throw ExpressionErrors.Location(28725, "Second argument to $slice must be a numeric value, but is of type: " + ExpressionErrors.TypeName(v[1]));
        }

        int start, count;
        if (v.Length == 2)
        {
            (start, count) = first >= 0 ? (0, first) : (Math.Max(0, a.Count + first), -first);
        }
        else
        {
            if (!Values.IsNumber(v[2]) || !Numeric.TryToIntExact(v[2]!, out count))
            {
                throw ExpressionErrors.Location(28727, "Third argument to $slice must be numeric, but is of type: " + ExpressionErrors.TypeName(v[2]));
            }

            if (count <= 0)
            {
                throw ExpressionErrors.Location(28729, "Third argument to $slice must be positive: " + v[2]);
            }

            start = first >= 0 ? Math.Min(first, a.Count) : Math.Max(0, a.Count + first);
        }

        return new BsonArray(a.Skip(start).Take(count));
    }

    private static BsonValue? Range(BsonValue?[] v)
    {
        var names = new[] { "starting value", "ending value", "step value" };
        var ints = new long[] { 0, 0, 1 };
        for (var i = 0; i < v.Length; i++)
        {
            if (!Values.IsNumber(v[i]))
            {
                throw ExpressionErrors.Location(34443 + i * 2, "$range requires a numeric " + names[i] + ", found value of type: " + ExpressionErrors.TypeName(v[i]));
            }

            if (!Numeric.TryToIntExact(v[i]!, out var n))
            {
                throw ExpressionErrors.Location(34444 + i * 2, "$range requires a " + names[i] + " that can be represented as a 32-bit integer, found value: " + v[i]);
            }

            ints[i] = n;
        }

        if (ints[2] == 0)
        {
            throw ExpressionErrors.Location(34449, "$range requires a non-zero step value");
        }

        // MongoDB caps $range's output (internalQueryMaxRangeBytes, 64 MiB) rather than exhaust memory.
        var count = Math.Max(0, (ints[1] - ints[0] + ints[2] - Math.Sign(ints[2])) / ints[2]);
        if (count * 16 > 64L * 1024 * 1024)
        {
            throw ExpressionErrors.Location(548701, "$range would use too much memory (" + count * 16 + " bytes) and cannot spill to disk. Memory limit: " + 64L * 1024 * 1024 + " bytes");
        }

        var result = new BsonArray();
        for (var x = ints[0]; ints[2] > 0 ? x < ints[1] : x > ints[1]; x += ints[2])
        {
            result.Add((int)x);
        }

        return result;
    }

    private static BsonValue? IndexOfArray(BsonValue?[] v)
    {
        if (Values.IsNullish(v[0]))
        {
            return BsonNull.Value;
        }

        if (v[0] is not BsonArray a)
        {
            throw ExpressionErrors.Location(40090, "$indexOfArray requires an array as a first argument, found: " + ExpressionErrors.TypeName(v[0]));
        }

        var start = v.Length > 2 ? Bound(v[2]) : 0;
        var end = v.Length > 3 ? Math.Min(Bound(v[3]), a.Count) : a.Count;
        for (var i = start; i < end; i++)
        {
            if (BsonValueComparer.Instance.Equals(a[i], v[1]))
            {
                return new BsonInt32(i);
            }
        }

        return new BsonInt32(-1);
    }

    private static int Bound(BsonValue? value)
    {
        if (!Values.IsNumber(value) || !Numeric.TryToIntExact(value!, out var i))
        {
            throw ExpressionErrors.Location(40096, "$indexOfArray requires an integral starting index, found a value of type: " + ExpressionErrors.TypeName(value));
        }

        return i >= 0 ? i : throw ExpressionErrors.Location(40097, "$indexOfArray requires a nonnegative starting index, found: " + i);
    }

    private static ExpressionNode ParseZip(ExpressionParser parser, string name, BsonValue operand)
    {
        if (operand is not BsonDocument)
        {
            throw ExpressionErrors.Location(34460, "$zip only supports an object as an argument, found " + ExpressionErrors.TypeName(operand));
        }

        var args = ExpressionParser.Named(name, operand, ["inputs"], ["useLongestLength", "defaults"]);
        if (args["inputs"] is not BsonArray inputSpecs)
        {
            throw ExpressionErrors.Location(34461, "inputs must be an array of expressions, found " + ExpressionErrors.TypeName(args["inputs"]));
        }

        var inputs = inputSpecs.Select(parser.Parse).ToArray();
        var longest = args.TryGetValue("useLongestLength", out var l) && l.ToBoolean();
        var defaults = args.TryGetValue("defaults", out var d) ? parser.Parse(d) : null;
        if (defaults is not null && !longest)
        {
            throw ExpressionErrors.Location(34466, "cannot specify defaults unless useLongestLength is true");
        }

        return new LazyNode(scope =>
        {
            var arrays = new List<BsonArray>();
            foreach (var input in inputs)
            {
                var value = input.Evaluate(scope);
                if (Values.IsNullish(value))
                {
                    return BsonNull.Value;
                }

                arrays.Add(value as BsonArray ?? throw ExpressionErrors.Location(34468, "$zip found a non-array expression in input: " + value!.ToJson()));
            }

            var fill = defaults?.Evaluate(scope) as BsonArray;
            if (fill is not null && fill.Count != arrays.Count)
            {
                throw ExpressionErrors.Location(34467, "defaults and inputs must have the same length");
            }

            var length = arrays.Count == 0 ? 0 : longest ? arrays.Max(a => a.Count) : arrays.Min(a => a.Count);
            var result = new BsonArray();
            for (var i = 0; i < length; i++)
            {
                var row = new BsonArray();
                for (var j = 0; j < arrays.Count; j++)
                {
                    row.Add(i < arrays[j].Count ? arrays[j][i] : fill?[j] ?? BsonNull.Value);
                }

                result.Add(row);
            }

            return result;
        });
    }
}

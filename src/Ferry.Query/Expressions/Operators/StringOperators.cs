using System.Globalization;
using System.Text;
using MongoDB.Bson;

namespace Ferry.Query.Expressions.Operators;

/// <summary>$concat $substr* $toLower $toUpper $strcasecmp $split $strLen* $indexOfCP $indexOfBytes and the trims.</summary>
internal static class StringOperators
{
    public static void Register(Dictionary<string, OperatorParser> table)
    {
        table["$concat"] = OperatorTable.Variadic((_, v) => Concat(v));
        table["$substr"] = OperatorTable.Fixed(3, (n, v) => SubstrBytes(n, v));
        table["$substrBytes"] = OperatorTable.Fixed(3, (n, v) => SubstrBytes(n, v));
        table["$substrCP"] = OperatorTable.Fixed(3, (n, v) => SubstrCP(v));
        table["$toLower"] = OperatorTable.Unary((n, v) => new BsonString(Values.CoerceToString(v, n).ToLowerInvariant()));
        table["$toUpper"] = OperatorTable.Unary((n, v) => new BsonString(Values.CoerceToString(v, n).ToUpperInvariant()));
        table["$strcasecmp"] = OperatorTable.Fixed(2, (n, v) => new BsonInt32(Math.Sign(string.CompareOrdinal(
            Values.CoerceToString(v[0], n).ToUpperInvariant(), Values.CoerceToString(v[1], n).ToUpperInvariant()))));
        table["$split"] = OperatorTable.Fixed(2, (_, v) => Split(v[0], v[1]));
        table["$strLenCP"] = OperatorTable.Unary((n, v) => new BsonInt32(CodePoints(RequireString(n, v, 34471)).Length));
        table["$strLenBytes"] = OperatorTable.Unary((n, v) => new BsonInt32(Encoding.UTF8.GetByteCount(RequireString(n, v, 34473))));
        table["$indexOfCP"] = (parser, name, operand) => new FunctionNode(parser.Between(name, operand, 2, 4), v => IndexOf(name, v, bytes: false));
        table["$indexOfBytes"] = (parser, name, operand) => new FunctionNode(parser.Between(name, operand, 2, 4), v => IndexOf(name, v, bytes: true));
        table["$trim"] = Trim(true, true);
        table["$ltrim"] = Trim(true, false);
        table["$rtrim"] = Trim(false, true);
        RegexOperators.Register(table);
    }

    /// <summary>A string's code points (surrogate pairs kept together), for the *CP operators.</summary>
    public static string[] CodePoints(string s)
    {
        var result = new List<string>(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                result.Add(s.Substring(i++, 2));
            }
            else
            {
                result.Add(s[i].ToString());
            }
        }

        return result.ToArray();
    }

    private static string RequireString(string name, BsonValue? value, int code) =>
        value is BsonString s ? s.Value : throw ExpressionErrors.Location(code, name + " requires a string argument, found: " + ExpressionErrors.TypeName(value));

    private static BsonValue? Concat(BsonValue?[] values)
    {
        var sb = new StringBuilder();
        foreach (var v in values)
        {
            if (Values.IsNullish(v))
            {
                return BsonNull.Value;
            }

            if (v is not BsonString s)
            {
                throw ExpressionErrors.Location(16702, "$concat only supports strings, not " + ExpressionErrors.TypeName(v));
            }

            sb.Append(s.Value);
        }

        return new BsonString(sb.ToString());
    }

    private static int IntArgument(string name, BsonValue? value, string what)
    {
        if (!Values.IsNumber(value) || !Numeric.TryToIntExact(value!, out var result))
        {
            throw ExpressionErrors.Location(16034, name + ": " + what + " must be a numeric type (is BSON type " + ExpressionErrors.TypeName(value) + ")");
        }

        return result;
    }

    private static BsonValue SubstrBytes(string name, BsonValue?[] v)
    {
        var text = Values.CoerceToString(v[0], name);
        if (!Values.IsNumber(v[1]))
        {
            throw ExpressionErrors.Location(16034, name + ":  starting index must be a numeric type (is BSON type " + ExpressionErrors.TypeName(v[1]) + ")");
        }

        if (!Values.IsNumber(v[2]))
        {
            throw ExpressionErrors.Location(16035, name + ":  length must be a numeric type (is BSON type " + ExpressionErrors.TypeName(v[2]) + ")");
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        var start = (long)Numeric.ToDouble(v[1]!);
        if (start < 0)
        {
            throw ExpressionErrors.Location(50752, name + ":  starting index must be non-negative (got: " + start + ")");
        }

        var length = (long)Numeric.ToDouble(v[2]!);
        if (start >= bytes.Length)
        {
            return new BsonString(string.Empty);
        }

        var count = length < 0 || start + length > bytes.Length ? bytes.Length - start : length;
        if (IsContinuation(bytes, (int)start))
        {
            throw ExpressionErrors.Location(28656, name + ":  Invalid range, starting index is a UTF-8 continuation byte.");
        }

        if (IsContinuation(bytes, (int)(start + count)))
        {
            throw ExpressionErrors.Location(28657, name + ":  Invalid range, ending index is in the middle of a UTF-8 character.");
        }

        return new BsonString(Encoding.UTF8.GetString(bytes, (int)start, (int)count));
    }

    private static bool IsContinuation(byte[] bytes, int index) => index < bytes.Length && (bytes[index] & 0xC0) == 0x80;

    private static BsonValue SubstrCP(BsonValue?[] v)
    {
        var text = Values.CoerceToString(v[0], "$substrCP");
        var start = IntArgument("$substrCP", v[1], "starting index");
        var length = IntArgument("$substrCP", v[2], "length");
        if (start < 0)
        {
            throw ExpressionErrors.Location(34455, "$substrCP: the starting index must be nonnegative integer.");
        }

        if (length < 0)
        {
            throw ExpressionErrors.Location(34456, "$substrCP: length must be a nonnegative integer.");
        }

        var points = CodePoints(text);
        if (start >= points.Length)
        {
            return new BsonString(string.Empty);
        }

        return new BsonString(string.Concat(points.Skip(start).Take(length)));
    }

    private static BsonValue? Split(BsonValue? input, BsonValue? delimiter)
    {
        if (Values.IsNullish(input) || Values.IsNullish(delimiter))
        {
            return BsonNull.Value;
        }

        if (input is not BsonString s)
        {
            throw ExpressionErrors.Location(40085, "$split requires an expression that evaluates to a string as a first argument, found: " + ExpressionErrors.TypeName(input));
        }

        if (delimiter is not BsonString d)
        {
            throw ExpressionErrors.Location(40086, "$split requires an expression that evaluates to a string as a second argument, found: " + ExpressionErrors.TypeName(delimiter));
        }

        if (d.Value.Length == 0)
        {
            throw ExpressionErrors.Location(40087, "$split requires a non-empty separator");
        }

        return new BsonArray(s.Value.Split(d.Value).Select(p => new BsonString(p)));
    }

    private static BsonValue? IndexOf(string name, BsonValue?[] v, bool bytes)
    {
        if (Values.IsNullish(v[0]))
        {
            return BsonNull.Value;
        }

        if (v[0] is not BsonString s)
        {
            throw ExpressionErrors.Location(bytes ? 40091 : 40093, name + " requires a string as the first argument, found: " + ExpressionErrors.TypeName(v[0]));
        }

        if (v[1] is not BsonString sub)
        {
            throw ExpressionErrors.Location(bytes ? 40092 : 40094, name + " requires a string as the second argument, found: " + ExpressionErrors.TypeName(v[1]));
        }

        // Work in code points (or bytes) so indexes match MongoDB's.
        var units = bytes ? Encoding.UTF8.GetBytes(s.Value).Select(b => ((char)b).ToString()).ToArray() : CodePoints(s.Value);
        var needle = bytes ? Encoding.UTF8.GetBytes(sub.Value).Select(b => ((char)b).ToString()).ToArray() : CodePoints(sub.Value);
        var start = v.Length > 2 ? IndexBound(name, v[2], "starting index") : 0;
        var end = v.Length > 3 ? Math.Min(IndexBound(name, v[3], "ending index"), units.Length) : units.Length;
        for (var i = start; i + needle.Length <= end; i++)
        {
            var match = true;
            for (var j = 0; j < needle.Length && match; j++)
            {
                match = units[i + j] == needle[j];
            }

            if (match)
            {
                return new BsonInt32(i);
            }
        }

        return new BsonInt32(-1);
    }

    private static int IndexBound(string name, BsonValue? value, string what)
    {
        if (!Values.IsNumber(value) || !Numeric.TryToIntExact(value!, out var i))
        {
            throw ExpressionErrors.Location(40096, name + " requires an integral " + what + ", found a value of type: " + ExpressionErrors.TypeName(value));
        }

        if (i < 0)
        {
            throw ExpressionErrors.Location(40097, name + " requires a nonnegative " + what + ", found: " + i.ToString(CultureInfo.InvariantCulture));
        }

        return i;
    }

    private static OperatorParser Trim(bool left, bool right) => (parser, name, operand) =>
    {
        var args = ExpressionParser.Named(name, operand, ["input"], ["chars"]);
        var input = parser.Parse(args["input"]);
        var chars = args.TryGetValue("chars", out var c) ? parser.Parse(c) : null;
        return new LazyNode(scope =>
        {
            var value = input.Evaluate(scope);
            var set = chars?.Evaluate(scope);
            if (Values.IsNullish(value) || chars is not null && Values.IsNullish(set))
            {
                return BsonNull.Value;
            }

            if (value is not BsonString s)
            {
                throw ExpressionErrors.Location(50699, name + " requires its input to be a string, got " + value!.ToJson() + " (of type " + ExpressionErrors.TypeName(value) + ") instead.");
            }

            if (set is not null and not BsonString)
            {
                throw ExpressionErrors.Location(50700, name + " requires 'chars' to be a string, got " + set.ToJson() + " (of type " + ExpressionErrors.TypeName(set) + ") instead.");
            }

            var trimSet = set is BsonString cs ? CodePoints(cs.Value) : [" ", "\0", "\t", "\n", "\v", "\f", "\r", "\u00a0", "\u1680", "\u2000", "\u2001", "\u2002", "\u2003", "\u2004", "\u2005", "\u2006", "\u2007", "\u2008", "\u2009", "\u200a", "\u2028", "\u2029", "\u202f", "\u205f", "\u3000"];
            var points = CodePoints(s.Value);
            var from = 0;
            var to = points.Length;
            while (left && from < to && trimSet.Contains(points[from]))
            {
                from++;
            }

            while (right && to > from && trimSet.Contains(points[to - 1]))
            {
                to--;
            }

            return new BsonString(string.Concat(points[from..to]));
        });
    };
}

using System.Text.RegularExpressions;
using MongoDB.Bson;

namespace Ferry.Query.Expressions.Operators;

/// <summary>$regexMatch $regexFind $regexFindAll $replaceOne $replaceAll.</summary>
internal static class RegexOperators
{
    private static readonly string[] ReplaceArgumentNames = ["input", "find", "replacement"];

    public static void Register(Dictionary<string, OperatorParser> table)
    {
        table["$regexMatch"] = Regex((input, regex) => BsonBoolean.Create(input is not null && regex.IsMatch(input)), BsonBoolean.False);
        table["$regexFind"] = Regex((input, regex) => input is null ? BsonNull.Value : regex.Match(input) is { Success: true } m ? MatchDocument(input, m) : BsonNull.Value, BsonNull.Value);
        table["$regexFindAll"] = Regex((input, regex) => new BsonArray(input is null ? [] : regex.Matches(input).Select(m => MatchDocument(input, m))), new BsonArray());
        table["$replaceOne"] = Replace(all: false);
        table["$replaceAll"] = Replace(all: true);
    }

    private static BsonDocument MatchDocument(string input, Match m)
    {
        var captures = new BsonArray();
        for (var g = 1; g < m.Groups.Count; g++)
        {
            captures.Add(m.Groups[g].Success ? new BsonString(m.Groups[g].Value) : BsonNull.Value);
        }

        // idx counts code points, as MongoDB reports it.
        var idx = StringOperators.CodePoints(input[..m.Index]).Length;
        return new BsonDocument { { "match", m.Value }, { "idx", idx }, { "captures", captures } };
    }

    private static OperatorParser Regex(Func<string?, Regex, BsonValue> apply, BsonValue onNullRegex) => (parser, name, operand) =>
    {
        var args = ExpressionParser.Named(name, operand, ["input", "regex"], ["options"]);
        var input = parser.Parse(args["input"]);
        var regex = parser.Parse(args["regex"]);
        var options = args.TryGetValue("options", out var o) ? parser.Parse(o) : null;
        return new LazyNode(scope =>
        {
            var inputValue = input.Evaluate(scope);
            var regexValue = regex.Evaluate(scope);
            var optionsValue = options?.Evaluate(scope);
            if (!Values.IsNullish(inputValue) && inputValue is not BsonString)
            {
                throw ExpressionErrors.Location(51104, name + " needs 'input' to be of type string");
            }

            if (Values.IsNullish(regexValue))
            {
                return onNullRegex;
            }

            string pattern;
            var flags = string.Empty;
            switch (regexValue)
            {
                case BsonString s:
                    pattern = s.Value;
                    break;
                case BsonRegularExpression r:
                    pattern = r.Pattern;
                    flags = r.Options;
                    break;
                default:
                    throw ExpressionErrors.Location(51105, name + " needs 'regex' to be of type string or regex");
            }

            if (optionsValue is BsonString os)
            {
                if (flags.Length > 0 && os.Value.Length > 0)
                {
                    throw ExpressionErrors.Location(51075, name + ": found regex option(s) specified in both 'regex' and 'option' fields");
                }

                flags += os.Value;
            }
            else if (!Values.IsNullish(optionsValue))
            {
                throw ExpressionErrors.Location(51106, name + " needs 'options' to be of type string");
            }

            try
            {
                return apply((inputValue as BsonString)?.Value, Build(name, pattern, flags));
            }
            catch (RegexMatchTimeoutException)
            {
                throw ExpressionErrors.Location(51156, name + ": the regular expression took too long to match (catastrophic backtracking?)");
            }
        });
    };

    /// <summary>A .NET regex for a PCRE pattern and MongoDB's options (i, m, s, x).</summary>
    public static Regex Build(string name, string pattern, string flags)
    {
        var options = RegexOptions.CultureInvariant;
        foreach (var f in flags)
        {
            options |= f switch
            {
                'i' => RegexOptions.IgnoreCase,
                'm' => RegexOptions.Multiline,
                's' => RegexOptions.Singleline,
                'x' => RegexOptions.IgnorePatternWhitespace,
                'u' => RegexOptions.None,
                _ => throw ExpressionErrors.Location(51108, name + " invalid flag in regex options: " + f),
            };
        }

        try
        {
            return new Regex(Filters.PcreTranslator.ToDotNet(pattern), options, TimeSpan.FromSeconds(5));
        }
        catch (ArgumentException e)
        {
            throw ExpressionErrors.Location(51111, "Invalid Regex in " + name + ": " + e.Message);
        }
    }

    private static OperatorParser Replace(bool all) => (parser, name, operand) =>
    {
        var args = ExpressionParser.Named(name, operand, ["input", "find", "replacement"], []);
        var input = parser.Parse(args["input"]);
        var find = parser.Parse(args["find"]);
        var replacement = parser.Parse(args["replacement"]);
        return new LazyNode(scope =>
        {
            var values = new[] { input.Evaluate(scope), find.Evaluate(scope), replacement.Evaluate(scope) };
            for (var i = 0; i < 3; i++)
            {
                if (!Values.IsNullish(values[i]) && values[i] is not BsonString)
                {
                    throw ExpressionErrors.Location(51746, name + " requires that '" + ReplaceArgumentNames[i] + "' be a string, found: " + values[i]!.ToJson());
                }
            }

            if (values.Any(Values.IsNullish))
            {
                return BsonNull.Value;
            }

            var text = values[0]!.AsString;
            var needle = values[1]!.AsString;
            var with = values[2]!.AsString;
            if (all)
            {
                return new BsonString(needle.Length == 0 ? InsertEverywhere(text, with) : text.Replace(needle, with, StringComparison.Ordinal));
            }

            var at = text.IndexOf(needle, StringComparison.Ordinal);
            return new BsonString(at < 0 ? text : string.Concat(text.AsSpan(0, at), with, text.AsSpan(at + needle.Length)));
        });
    };

    private static string InsertEverywhere(string text, string with) =>
        with + string.Concat(StringOperators.CodePoints(text).Select(p => p + with));
}

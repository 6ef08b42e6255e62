using System.Text.RegularExpressions;
using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Query.Filters;

/// <summary>
/// <c>$regex</c> and <c>{ a: /re/ }</c>: matches strings and symbols by the pattern, and regular-expression values
/// with the identical pattern and options (as MongoDB does).
/// </summary>
internal sealed class RegexPredicate : ValuePredicate
{
    private readonly Regex _regex;

    private RegexPredicate(string pattern, string options, Regex regex)
    {
        Pattern = pattern;
        Options = options;
        _regex = regex;
    }

    public string Pattern { get; }

    public string Options { get; }

    /// <summary>Validates options (i m s x u) and pattern with MongoDB's error codes, then compiles.</summary>
    public static RegexPredicate Create(string pattern, string options)
    {
        if (pattern.Contains('\0', StringComparison.Ordinal))
        {
            throw ErrorCodes.Create(51091, "Regular expression cannot contain an embedded null byte");
        }

        if (options.Contains('\0', StringComparison.Ordinal))
        {
            throw ErrorCodes.Create(51092, "Regular expression options string cannot contain an embedded null byte");
        }

        var flags = RegexOptions.CultureInvariant;
        foreach (var flag in options)
        {
            flags |= flag switch
            {
                'i' => RegexOptions.IgnoreCase,
                'm' => RegexOptions.Multiline,
                's' => RegexOptions.Singleline,
                'x' => RegexOptions.IgnorePatternWhitespace,
                'u' => RegexOptions.None,
                _ => throw ErrorCodes.Create(51108, "invalid flag in regex options: " + flag),
            };
        }

        try
        {
            return new RegexPredicate(pattern, options, new Regex(ToDotNet(pattern), flags));
        }
        catch (ArgumentException ex)
        {
            throw ErrorCodes.Create(51091, "Regular expression is invalid: " + ex.Message);
        }
    }

    /// <summary>
    /// Rewrites the PCRE constructs .NET spells differently: named groups <c>(?P&lt;n&gt;</c>, back-references
    /// <c>(?P=n)</c> and <c>\h</c>/<c>\H</c> (horizontal whitespace). Everything else is shared syntax.
    /// </summary>
    internal static string ToDotNet(string pattern)
    {
        if (!pattern.Contains("(?P", StringComparison.Ordinal) && !pattern.Contains("\\h", StringComparison.OrdinalIgnoreCase))
        {
            return pattern;
        }

        var result = new System.Text.StringBuilder(pattern.Length);
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var escaped = pattern[i + 1];
                result.Append(escaped switch
                {
                    'h' => "[\\t\\p{Zs}]",
                    'H' => "[^\\t\\p{Zs}]",
                    _ => "\\" + escaped,
                });
                i++;
            }
            else if (string.CompareOrdinal(pattern, i, "(?P<", 0, 4) == 0)
            {
                result.Append("(?<");
                i += 3;
            }
            else if (string.CompareOrdinal(pattern, i, "(?P=", 0, 4) == 0 && pattern.IndexOf(')', i) is var close and > 0)
            {
                result.Append("\\k<").Append(pattern, i + 4, close - i - 4).Append('>');
                i = close;
            }
            else
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }

    public override bool Matches(BsonValue? value) => value switch
    {
        BsonString s => _regex.IsMatch(s.Value),
        BsonSymbol symbol => _regex.IsMatch(symbol.Name),
        BsonRegularExpression r => r.Pattern == Pattern && r.Options == Options,
        _ => false,
    };
}

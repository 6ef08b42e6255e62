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
    /// <summary>
    /// A pattern that backtracks catastrophically fails the query instead of hanging a scan (PCRE in MongoDB
    /// stops at its match limit the same way).
    /// </summary>
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(5);

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
            return new RegexPredicate(pattern, options, new Regex(PcreTranslator.ToDotNet(pattern), flags, MatchTimeout));
        }
        catch (ArgumentException ex)
        {
            throw ErrorCodes.Create(51091, "Regular expression is invalid: " + ex.Message);
        }
    }

    public override bool Matches(BsonValue? value) => value switch
    {
        BsonString s => IsMatch(s.Value),
        BsonSymbol symbol => IsMatch(symbol.Name),
        BsonRegularExpression r => r.Pattern == Pattern && r.Options == Options,
        _ => false,
    };

    private bool IsMatch(string text)
    {
        try
        {
            return _regex.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            throw ErrorCodes.Create(51156, "Error occurred while executing the regular expression " + Pattern
                + ": the match took longer than " + MatchTimeout.TotalSeconds + " s (catastrophic backtracking?)");
        }
    }
}

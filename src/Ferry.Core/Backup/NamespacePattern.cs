using System.Text;
using System.Text.RegularExpressions;

namespace Ferry.Core.Backup;

/// <summary>
/// mongorestore's <c>--nsInclude/--nsExclude</c> patterns: <c>db.collection</c> where <c>*</c> matches any run of
/// characters (including none) and <c>\</c> escapes the next character.
/// </summary>
public sealed class NamespacePattern
{
    private readonly Regex _regex;

    public NamespacePattern(string pattern)
    {
        Pattern = pattern;
        var builder = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                builder.Append(Regex.Escape(pattern[++i].ToString()));
            }
            else if (c == '*')
            {
                builder.Append(".*");
            }
            else
            {
                builder.Append(Regex.Escape(c.ToString()));
            }
        }

        _regex = new Regex(builder.Append('$').ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline);
    }

    public string Pattern { get; }

    public bool IsMatch(string ns) => _regex.IsMatch(ns);

    /// <summary>True when <paramref name="ns"/> passes the include list (empty = everything) and no exclude pattern.</summary>
    public static bool Selects(string ns, IReadOnlyList<NamespacePattern> include, IReadOnlyList<NamespacePattern> exclude) =>
        (include.Count == 0 || include.Any(p => p.IsMatch(ns))) && !exclude.Any(p => p.IsMatch(ns));
}

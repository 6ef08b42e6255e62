using System.Text;
using System.Text.RegularExpressions;

namespace Ferry.Query.Filters;

/// <summary>
/// Rewrites the PCRE constructs MongoDB accepts that .NET reads differently: <c>\d \w \s</c> are ASCII-only in
/// PCRE (Unicode in .NET), <c>\h</c>/<c>\H</c> (horizontal space) and <c>\Q...\E</c> (literal text) do not exist
/// in .NET, and named groups are spelled <c>(?P&lt;n&gt;...)</c> / <c>(?P=n)</c>. Everything else is shared syntax.
/// </summary>
internal static class PcreTranslator
{
    private const string Digit = "0-9";
    private const string Word = "a-zA-Z0-9_";
    private const string Space = "\\t\\n\\x0B\\f\\r ";
    private const string HorizontalSpace = "\\t\\p{Zs}";

    public static string ToDotNet(string pattern)
    {
        if (pattern.IndexOf('\\', StringComparison.Ordinal) < 0 && !pattern.Contains("(?P", StringComparison.Ordinal))
        {
            return pattern;
        }

        var result = new StringBuilder(pattern.Length + 16);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var escaped = pattern[++i];
                if (escaped == 'Q')
                {
                    var end = pattern.IndexOf("\\E", i + 1, StringComparison.Ordinal);
                    var literal = end < 0 ? pattern[(i + 1)..] : pattern[(i + 1)..end];
                    result.Append(inClass ? EscapeInClass(literal) : Regex.Escape(literal));
                    i = end < 0 ? pattern.Length : end + 1;
                    continue;
                }

                result.Append(Class(escaped, inClass) ?? "\\" + escaped);
                continue;
            }

            if (inClass)
            {
                inClass = c != ']';
                result.Append(c);
                continue;
            }

            if (c == '[')
            {
                inClass = true;
                result.Append(c);
                // A ']' right after '[' or '[^' is a literal member, not the end of the class.
                if (i + 1 < pattern.Length && pattern[i + 1] == '^')
                {
                    result.Append('^');
                    i++;
                }

                if (i + 1 < pattern.Length && pattern[i + 1] == ']')
                {
                    result.Append("\\]");
                    i++;
                }

                continue;
            }

            if (string.CompareOrdinal(pattern, i, "(?P<", 0, 4) == 0)
            {
                result.Append("(?<");
                i += 3;
                continue;
            }

            if (string.CompareOrdinal(pattern, i, "(?P=", 0, 4) == 0 && pattern.IndexOf(')', i) is var close and > 0)
            {
                result.Append("\\k<").Append(pattern, i + 4, close - i - 4).Append('>');
                i = close;
                continue;
            }

            result.Append(c);
        }

        return result.ToString();
    }

    /// <summary>The ASCII meaning of a PCRE class escape, or null when .NET reads the escape the same way.</summary>
    private static string? Class(char escaped, bool inClass)
    {
        var members = escaped switch
        {
            'd' or 'D' => Digit,
            'w' or 'W' => Word,
            's' or 'S' => Space,
            'h' or 'H' => HorizontalSpace,
            _ => null,
        };
        if (members is null)
        {
            return null;
        }

        var negated = char.IsUpper(escaped);
        if (!inClass)
        {
            return (negated ? "[^" : "[") + members + "]";
        }

        // Inside a class only the positive forms can be spelled as members; .NET's negated escapes are close enough.
        return negated ? "\\" + escaped : members;
    }

    private static string EscapeInClass(string literal)
    {
        var sb = new StringBuilder(literal.Length * 2);
        foreach (var ch in literal)
        {
            if (ch is '\\' or ']' or '[' or '^' or '-')
            {
                sb.Append('\\');
            }

            sb.Append(ch);
        }

        return sb.ToString();
    }
}

using System.Text.RegularExpressions;

namespace Ferry.Core.Storage;

/// <summary>
/// Hides credentials in a store URI before it is shown anywhere (logs, reports, errors, --json):
/// <c>mongodb://user:secret@host/db?password=x</c> → <c>mongodb://user:***@host/db?password=***</c>.
/// A password holding unencoded '@', '?', '/' or '#' (which drivers reject, but people type) is hidden whole too.
/// </summary>
public static partial class UriRedactor
{
    public static string Redact(string? uri)
    {
        if (string.IsNullOrEmpty(uri))
        {
            return uri ?? string.Empty;
        }

        var redacted = uri;
        var scheme = uri.IndexOf("://", StringComparison.Ordinal);
        if (scheme > 0 && UserInfoEnd(uri, scheme + 3) is { } at)
        {
            var start = scheme + 3;
            var userInfo = uri[start..at];
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            var user = colon < 0 ? userInfo : userInfo[..colon];
            redacted = uri[..start] + user + (colon < 0 ? string.Empty : ":***") + uri[at..];
        }

        return SecretParameter().Replace(redacted, m => m.Groups["key"].Value + "=***");
    }

    /// <summary>
    /// Hides anything that looks like user information in free text (an error message, a parse error echoing an
    /// argument): every whitespace- or quote-delimited word holding <c>user:password@</c>, with or without a scheme
    /// (<c>mongodb:/u:p@h</c>, <c>u:p@</c> with no host, <c>mongodb://u:p@h;x</c>), keeps its user and loses its
    /// password; <c>password=…</c> style options are hidden too. A word's last '@' ends its user information, so a
    /// password holding '@', ':', '/', '?' or '#' is hidden whole; an '@' in an option value hides more, never less.
    /// </summary>
    public static string RedactText(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        var redacted = Word().Replace(text, m => RedactWord(m.Value));
        return SecretParameter().Replace(redacted, m => m.Groups["key"].Value + "=***");
    }

    private static string RedactWord(string word)
    {
        var at = word.LastIndexOf('@');
        if (at <= 0)
        {
            return word;
        }

        var scheme = Scheme().Match(word);
        var start = scheme.Success && scheme.Index + scheme.Length <= at ? scheme.Index + scheme.Length : 0;
        var colon = word.IndexOf(':', start, at - start);
        return colon < 0 ? word : word[..(colon + 1)] + "***" + word[at..];
    }

    /// <summary>
    /// The '@' that ends the user information: the last one followed by a plausible host list (up to the next '/',
    /// '?' or '#'). Passwords typed unencoded may hold '@', '?', '/' or '#', so the query cannot be found first; an
    /// '@' inside an option value (rare) makes more than the password hidden, never less.
    /// </summary>
    private static int? UserInfoEnd(string uri, int start)
    {
        for (var at = uri.LastIndexOf('@'); at >= start; at = at == 0 ? -1 : uri.LastIndexOf('@', at - 1))
        {
            var hostEnd = uri.IndexOfAny(['/', '?', '#'], at + 1);
            if (HostList().IsMatch(uri.AsSpan(at + 1, (hostEnd < 0 ? uri.Length : hostEnd) - at - 1)))
            {
                return at;
            }
        }

        return null;
    }

    [GeneratedRegex(@"[^\s'""`]+", RegexOptions.CultureInvariant)]
    private static partial Regex Word();

    [GeneratedRegex(@"[A-Za-z][A-Za-z0-9+.\-]*:/+", RegexOptions.CultureInvariant)]
    private static partial Regex Scheme();

    [GeneratedRegex(@"^[A-Za-z0-9._\-:,\[\]%]+$", RegexOptions.CultureInvariant)]
    private static partial Regex HostList();

    [GeneratedRegex(@"(?<key>(?i:password|pwd|secret|token|sslClientCertificateKeyPassword|tlsCertificateKeyFilePassword|authMechanismProperties))=[^&#]*", RegexOptions.CultureInvariant)]
    private static partial Regex SecretParameter();
}

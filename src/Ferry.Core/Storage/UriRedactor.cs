using System.Text.RegularExpressions;

namespace Ferry.Core.Storage;

/// <summary>
/// Hides credentials in a store URI before it is shown anywhere (logs, reports, errors, --json):
/// <c>mongodb://user:secret@host/db?password=x</c> → <c>mongodb://user:***@host/db?password=***</c>.
/// The user information ends at the last '@' before the query, so a password holding an unencoded '@'
/// (which drivers reject, but people type) is hidden whole too.
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
        if (scheme > 0)
        {
            var start = scheme + 3;
            var query = uri.IndexOf('?', start);
            var authorityEnd = query < 0 ? uri.Length : query;
            var at = uri.LastIndexOf('@', authorityEnd - 1, authorityEnd - start);
            if (at >= start)
            {
                var userInfo = uri[start..at];
                var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
                var user = colon < 0 ? userInfo : userInfo[..colon];
                redacted = uri[..start] + user + (colon < 0 ? string.Empty : ":***") + uri[at..];
            }
        }

        return SecretParameter().Replace(redacted, m => m.Groups["key"].Value + "=***");
    }

    [GeneratedRegex(@"(?<key>(?i:password|pwd|secret|token|sslClientCertificateKeyPassword|tlsCertificateKeyFilePassword|authMechanismProperties))=[^&#]*", RegexOptions.CultureInvariant)]
    private static partial Regex SecretParameter();
}

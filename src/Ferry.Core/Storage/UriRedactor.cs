using System.Text.RegularExpressions;

namespace Ferry.Core.Storage;

/// <summary>
/// Hides credentials in a store URI before it is shown anywhere (logs, reports, errors, --json):
/// <c>mongodb://user:secret@host/db?password=x</c> → <c>mongodb://user:***@host/db?password=***</c>.
/// </summary>
public static partial class UriRedactor
{
    public static string Redact(string? uri)
    {
        if (string.IsNullOrEmpty(uri))
        {
            return uri ?? string.Empty;
        }

        var redacted = UserInfo().Replace(uri, m => m.Groups["user"].Value + (m.Groups["pw"].Success ? ":***" : string.Empty) + "@");
        return SecretParameter().Replace(redacted, m => m.Groups["key"].Value + "=***");
    }

    // scheme://user[:password]@ — the password may contain anything but '@' before the host part.
    [GeneratedRegex(@"(?<=^[A-Za-z][A-Za-z0-9+.\-]*://)(?<user>[^:@/?#]*)(?<pw>:[^@]*)?@(?=[^@]*$)", RegexOptions.CultureInvariant)]
    private static partial Regex UserInfo();

    [GeneratedRegex(@"(?<key>(?i:password|pwd|secret|token|sslClientCertificateKeyPassword|tlsCertificateKeyFilePassword|authMechanismProperties))=[^&#]*", RegexOptions.CultureInvariant)]
    private static partial Regex SecretParameter();
}

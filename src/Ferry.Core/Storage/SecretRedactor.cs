using System.Collections.Concurrent;

namespace Ferry.Core.Storage;

/// <summary>
/// Hides secrets that are not shaped like URI credentials: a Slack webhook URL carries its secret in the path, a
/// PagerDuty routing key or an SMTP password is a bare word. Every secret Ferry reads from the environment or a file
/// (see <see cref="Notifications.SecretReference"/>) is registered here when read, and <see cref="Redact"/> — what
/// every log line and notification failure goes through — replaces it with <c>***</c> after
/// <see cref="UriRedactor.RedactText"/> has hidden URI credentials.
/// </summary>
public static class SecretRedactor
{
    /// <summary>Shorter values are not registered: hiding every "a" or "1" in a text would hide nothing but meaning.</summary>
    public const int MinimumLength = 4;

    private static readonly ConcurrentDictionary<string, bool> Secrets = new(StringComparer.Ordinal);

    /// <summary>Registers a secret value (and, for a URL, its path and query, which error texts quote on their own).</summary>
    public static void Register(string? secret)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length < MinimumLength)
        {
            return;
        }

        Secrets[secret] = true;
        if (Uri.TryCreate(secret, UriKind.Absolute, out var uri) && uri.PathAndQuery.Length >= 8)
        {
            Secrets[uri.PathAndQuery] = true;
        }
    }

    /// <summary><paramref name="text"/> with URI credentials and every registered secret replaced by <c>***</c>.</summary>
    public static string Redact(string? text)
    {
        var redacted = UriRedactor.RedactText(text);

        // Longest first, so a URL is hidden whole before its path would be.
        foreach (var secret in Secrets.Keys.OrderByDescending(s => s.Length))
        {
            redacted = redacted.Replace(secret, "***", StringComparison.Ordinal);
        }

        return redacted;
    }
}

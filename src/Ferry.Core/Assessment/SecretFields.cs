using System.Text.RegularExpressions;

namespace Ferry.Core.Assessment;

/// <summary>Field names that look like they hold secrets: their example values are never printed or written.</summary>
public static partial class SecretFields
{
    public const string Redacted = "***";

    /// <summary>True when the last segment of <paramref name="path"/> names a password, token, key, secret or hash.</summary>
    public static bool LooksSecret(string path)
    {
        var name = path.Split('.')[^1].Replace("[]", "", StringComparison.Ordinal);
        return SecretName().IsMatch(name);
    }

    [GeneratedRegex("pass(word|wd)?|secret|token|key|credential|hash|salt|pwd", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretName();
}

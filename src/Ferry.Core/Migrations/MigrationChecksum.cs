using System.Security.Cryptography;
using System.Text;

namespace Ferry.Core.Migrations;

/// <summary>
/// The checksum recorded for an applied migration: SHA-256 (lower-case hex) of its text normalised so that
/// changes that do not change meaning do not count as drift — CRLF/CR become LF, trailing whitespace is
/// trimmed from every line, and trailing blank lines are dropped. Any other edit changes the checksum.
/// </summary>
public static class MigrationChecksum
{
    public static string Compute(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalise(text))));

    public static string Normalise(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        return string.Join('\n', lines.Select(l => l.TrimEnd())).TrimEnd('\n');
    }
}

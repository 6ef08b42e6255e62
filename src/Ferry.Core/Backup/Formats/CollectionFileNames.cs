using System.Security.Cryptography;
using System.Text;

namespace Ferry.Core.Backup.Formats;

/// <summary>
/// Collection names as mongodump writes them into file names: Go's <c>url.PathEscape</c> (everything but
/// <c>A–Z a–z 0–9 - _ . ~ $ &amp; + : = @</c> becomes <c>%XX</c> of its UTF-8 bytes), and an escaped name longer than
/// 238 bytes becomes its first 208 bytes + <c>%24</c> + the unpadded base64url SHA-1 of the real name (the real name
/// then lives only in the metadata's <c>collectionName</c>).
/// </summary>
public static class CollectionFileNames
{
    private const int MaxEscapedLength = 238;
    private const int TruncatedPrefixLength = 208;

    public static string Escape(string collectionName)
    {
        var bytes = Encoding.UTF8.GetBytes(collectionName);
        var escaped = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            if (IsUnescaped(b))
            {
                escaped.Append((char)b);
            }
            else
            {
                escaped.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        if (escaped.Length <= MaxEscapedLength)
        {
            return escaped.ToString();
        }

#pragma warning disable CA5350 // SHA-1 is mongodump's file-name scheme, not a security measure
        var hash = Convert.ToBase64String(SHA1.HashData(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
#pragma warning restore CA5350
        return escaped.ToString(0, TruncatedPrefixLength) + "%24" + hash;
    }

    /// <summary>Reverses <see cref="Escape"/> (for names that were not truncated); malformed escapes are rejected.</summary>
    public static string Unescape(string fileName, string fileLabel)
    {
        if (!fileName.Contains('%'))
        {
            return fileName;
        }

        var bytes = new List<byte>(fileName.Length);
        for (var i = 0; i < fileName.Length; i++)
        {
            var c = fileName[i];
            if (c == '%')
            {
                if (i + 2 >= fileName.Length || !IsHex(fileName[i + 1]) || !IsHex(fileName[i + 2]))
                {
                    throw new BackupFormatException(fileLabel, 0, $"file name \"{fileName}\" has a malformed %-escape at character {i}");
                }

                bytes.Add(Convert.ToByte(fileName.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
            }
        }

        try
        {
            return new UTF8Encoding(false, true).GetString(bytes.ToArray());
        }
        catch (DecoderFallbackException e)
        {
            throw new BackupFormatException(fileLabel, 0, $"file name \"{fileName}\" does not decode to UTF-8", e);
        }
    }

    /// <summary>True when <see cref="Escape"/> shortened the name, so the real name must come from the metadata.</summary>
    public static bool IsTruncated(string fileName) => fileName.Length == MaxEscapedLength && fileName.AsSpan(TruncatedPrefixLength).StartsWith("%24");

    private static bool IsUnescaped(byte b) =>
        b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9')
            or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~' or (byte)'$' or (byte)'&' or (byte)'+' or (byte)':' or (byte)'=' or (byte)'@';

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);
}

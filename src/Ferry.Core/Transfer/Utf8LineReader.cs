using System.Text;

namespace Ferry.Core.Transfer;

/// <summary>One line of a file: its 1-based number and its text, or why its bytes are not UTF-8.</summary>
internal readonly record struct Utf8Line(long Number, string? Text, string? Error);

/// <summary>
/// Reads a file line by line (LF or CRLF), decoding each line as strict UTF-8. A StreamReader would turn invalid
/// bytes into U+FFFD and the import would store them silently; here such a line carries an error naming the byte
/// (1-based within the line) instead, so it is refused like any other bad line. A leading UTF-8 BOM is skipped.
/// </summary>
internal static class Utf8LineReader
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async IAsyncEnumerable<Utf8Line> ReadAsync(string path, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var buffer = new byte[1 << 16];
        var pending = new MemoryStream();
        long number = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            var start = 0;
            while (start < read)
            {
                var newline = Array.IndexOf(buffer, (byte)'\n', start, read - start);
                if (newline < 0)
                {
                    pending.Write(buffer, start, read - start);
                    break;
                }

                pending.Write(buffer, start, newline - start);
                start = newline + 1;
                yield return Decode(++number, pending);
            }
        }

        if (pending.Length > 0)
        {
            yield return Decode(++number, pending);
        }
    }

    private static Utf8Line Decode(long number, MemoryStream pending)
    {
        var bytes = pending.GetBuffer().AsSpan(0, (int)pending.Length);
        pending.SetLength(0);
        if (number == 1 && bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        if (bytes.EndsWith((ReadOnlySpan<byte>)[(byte)'\r']))
        {
            bytes = bytes[..^1];
        }

        try
        {
            return new Utf8Line(number, Strict.GetString(bytes), null);
        }
        catch (DecoderFallbackException e)
        {
            var unknown = string.Join(' ', (e.BytesUnknown ?? []).Select(b => $"0x{b:X2}"));
            return new Utf8Line(number, null, $"invalid UTF-8 at byte {e.Index + 1} of the line ({unknown}); the file must be UTF-8");
        }
    }
}

using System.Buffers.Binary;

namespace Ferry.Core.Backup.Formats;

/// <summary>
/// Reads concatenated BSON documents (a mongodump <c>.bson</c> file, already decompressed) one at a time, validating
/// each, so a collection of any size streams in constant memory. Problems are <see cref="BackupFormatException"/>s
/// naming the file and byte offset.
/// </summary>
public sealed class BsonStreamReader(Stream stream, string fileLabel, bool validate = true)
{
    private readonly byte[] _lengthBuffer = new byte[4];

    /// <summary>Offset of the next document in the stream.</summary>
    public long Offset { get; private set; }

    /// <summary>Documents read so far.</summary>
    public long DocumentCount { get; private set; }

    /// <summary>The next document's bytes, or null at a clean end of stream.</summary>
    public async ValueTask<byte[]?> ReadNextAsync(CancellationToken cancellationToken = default)
    {
        var got = await ReadAtMostAsync(_lengthBuffer, cancellationToken).ConfigureAwait(false);
        if (got == 0)
        {
            return null;
        }

        if (got < 4)
        {
            throw new BackupFormatException(fileLabel, Offset, $"truncated: expected a 4-byte document length, found {got} byte(s) before the end of the file");
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(_lengthBuffer);
        if (length < 5 || length > BsonDocumentValidator.MaxDocumentSize)
        {
            throw new BackupFormatException(fileLabel, Offset, $"document length {length} is outside 5..{BsonDocumentValidator.MaxDocumentSize} (corrupt or not a BSON file)");
        }

        var document = new byte[length];
        _lengthBuffer.CopyTo(document, 0);
        var body = await ReadAtMostAsync(document.AsMemory(4), cancellationToken).ConfigureAwait(false);
        if (body < length - 4)
        {
            throw new BackupFormatException(fileLabel, Offset, $"truncated: document declares {length} bytes but the file ends after {body + 4}");
        }

        if (validate)
        {
            var problem = BsonDocumentValidator.Validate(document);
            if (problem is not null)
            {
                throw new BackupFormatException(fileLabel, Offset + problem.Offset, $"document {DocumentCount + 1} (starting at byte {Offset}): {problem.Message}");
            }
        }

        Offset += length;
        DocumentCount++;
        return document;
    }

    /// <summary>Reads every document; for small files and tests.</summary>
    public async IAsyncEnumerable<byte[]> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (await ReadNextAsync(cancellationToken).ConfigureAwait(false) is { } document)
        {
            yield return document;
        }
    }

    private async ValueTask<int> ReadAtMostAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            int read;
            try
            {
                read = await stream.ReadAsync(buffer[total..], cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException e)
            {
                throw new BackupFormatException(fileLabel, Offset, $"corrupt compressed data: {e.Message}", e);
            }

            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }
}

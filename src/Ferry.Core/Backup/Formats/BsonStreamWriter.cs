namespace Ferry.Core.Backup.Formats;

/// <summary>
/// Writes documents back to back, exactly as given (mongodump's <c>.bson</c> layout), counting documents and bytes.
/// </summary>
public sealed class BsonStreamWriter(Stream stream)
{
    public long DocumentCount { get; private set; }

    public long ByteCount { get; private set; }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> document, CancellationToken cancellationToken = default)
    {
        await stream.WriteAsync(document, cancellationToken).ConfigureAwait(false);
        DocumentCount++;
        ByteCount += document.Length;
    }

    /// <summary>Synchronous write, for buffered streams where an async call per small document costs more than the
    /// occasional blocking flush of a full buffer.</summary>
    public void Write(ReadOnlySpan<byte> document)
    {
        stream.Write(document);
        DocumentCount++;
        ByteCount += document.Length;
    }
}

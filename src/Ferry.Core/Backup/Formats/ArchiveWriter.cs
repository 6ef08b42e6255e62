using System.Buffers.Binary;
using MongoDB.Bson;

namespace Ferry.Core.Backup.Formats;

/// <summary>
/// Writes mongodump's archive layout so mongorestore can read a Ferry backup: magic, header, one metadata block per
/// namespace, terminator, then namespace segments (any interleaving; safe to call from parallel collection readers)
/// and an EOF block with the CRC-64 of each namespace's documents. Disposing releases the writer's lock, not the stream
/// (the caller owns the stream).
/// </summary>
public sealed class ArchiveWriter(Stream stream) : IDisposable
{
    private static readonly byte[] TerminatorBytes = [0xff, 0xff, 0xff, 0xff];

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, ArchiveCrc64> _crcs = new(StringComparer.Ordinal);

    /// <summary>Bytes written so far.</summary>
    public long Position { get; private set; }

    public async Task WritePreludeAsync(ArchiveHeader header, IEnumerable<ArchiveNamespaceEntry> namespaces, CancellationToken cancellationToken = default)
    {
        var magic = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(magic, ArchiveReader.Magic);
        await WriteRawAsync(magic, cancellationToken).ConfigureAwait(false);
        await WriteRawAsync(header.ToDocument().ToBson(), cancellationToken).ConfigureAwait(false);
        foreach (var entry in namespaces)
        {
            await WriteRawAsync(entry.ToDocument().ToBson(), cancellationToken).ConfigureAwait(false);
        }

        await WriteRawAsync(TerminatorBytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes one segment: the namespace header, the documents as given, a terminator.</summary>
    public async Task WriteSegmentAsync(string database, string collection, IReadOnlyList<ReadOnlyMemory<byte>> documents, CancellationToken cancellationToken = default)
    {
        if (documents.Count == 0)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var crc = CrcOf(database, collection);
            await WriteRawAsync(SegmentHeader(database, collection, eof: false, 0), cancellationToken).ConfigureAwait(false);
            foreach (var document in documents)
            {
                crc.Append(document.Span);
                await WriteRawAsync(document, cancellationToken).ConfigureAwait(false);
            }

            await WriteRawAsync(TerminatorBytes, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Writes the namespace's EOF block (after its last segment).</summary>
    public async Task WriteEndOfNamespaceAsync(string database, string collection, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var crc = CrcOf(database, collection);
            await WriteRawAsync(SegmentHeader(database, collection, eof: true, crc.Value), cancellationToken).ConfigureAwait(false);
            await WriteRawAsync(TerminatorBytes, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private ArchiveCrc64 CrcOf(string database, string collection)
    {
        var key = database + "\0" + collection;
        if (!_crcs.TryGetValue(key, out var crc))
        {
            crc = new ArchiveCrc64();
            _crcs[key] = crc;
        }

        return crc;
    }

    private static byte[] SegmentHeader(string database, string collection, bool eof, long crc) =>
        new BsonDocument { { "db", database }, { "collection", collection }, { "EOF", eof }, { "CRC", crc } }.ToBson();

    private async Task WriteRawAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        Position += bytes.Length;
    }

    public void Dispose() => _gate.Dispose();
}

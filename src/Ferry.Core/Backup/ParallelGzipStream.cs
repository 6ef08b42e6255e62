using System.Buffers;
using System.IO.Compression;

namespace Ferry.Core.Backup;

/// <summary>
/// A write-only gzip stream that compresses 256 KiB chunks on the thread pool, each into its own gzip member, and
/// writes the members in order: a multi-member gzip file (RFC 1952), read as one stream by gzip, Go's reader used by
/// mongorestore and .NET. Compression is the slow part of a gzip backup, so it runs on every core; at most four
/// chunks are in flight, so memory stays constant.
/// </summary>
public sealed class ParallelGzipStream(Stream inner, bool leaveOpen = false) : Stream
{
    private const int ChunkSize = 256 * 1024;
    private const int MaxInFlight = 4;

    private readonly Queue<Task<(byte[] Buffer, int Length)>> _inFlight = new();
    private byte[] _current = ArrayPool<byte>.Shared.Rent(ChunkSize);
    private int _used;
    private bool _disposed;
    private bool _anyMember;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => !_disposed;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (buffer.Length > 0)
        {
            var take = Math.Min(buffer.Length, ChunkSize - _used);
            buffer[..take].CopyTo(_current.AsSpan(_used));
            _used += take;
            buffer = buffer[take..];
            if (_used == ChunkSize)
            {
                Dispatch();
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    /// <summary>Compresses what is buffered and writes every finished member (a flush ends the current member).</summary>
    public override void Flush()
    {
        if (_used > 0)
        {
            Dispatch();
        }


        while (_inFlight.Count > 0)
        {
            WriteOldest();
        }

        inner.Flush();
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            try
            {
                Flush();
                if (!_anyMember)
                {
                    // An empty file must still be valid gzip (Go's reader, used by mongorestore, rejects zero bytes),
                    // and GZipStream writes nothing for no input: header, an empty final deflate block, CRC 0, size 0.
                    inner.Write([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff, 0x03, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]);
                    inner.Flush();
                }
            }
            finally
            {
                _disposed = true;
                ArrayPool<byte>.Shared.Return(_current);
                if (!leaveOpen)
                {
                    inner.Dispose();
                }
            }
        }

        base.Dispose(disposing);
    }

    private void Dispatch()
    {
        _anyMember = true;
        var (chunk, length) = (_current, _used);
        _inFlight.Enqueue(Task.Run(() => Compress(chunk, length)));
        _current = ArrayPool<byte>.Shared.Rent(ChunkSize);
        _used = 0;
        while (_inFlight.Count >= MaxInFlight)
        {
            WriteOldest();
        }
    }

    private void WriteOldest()
    {
        var (buffer, length) = _inFlight.Dequeue().GetAwaiter().GetResult();
        inner.Write(buffer, 0, length);
    }

    private static (byte[] Buffer, int Length) Compress(byte[] chunk, int length)
    {
        var compressed = new MemoryStream(length / 2 + 64);
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(chunk, 0, length);
        }

        ArrayPool<byte>.Shared.Return(chunk);
        return (compressed.GetBuffer(), (int)compressed.Length);
    }
}

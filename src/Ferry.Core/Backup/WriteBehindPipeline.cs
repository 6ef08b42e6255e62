using System.Buffers;
using System.IO.Compression;
using System.Threading.Channels;

namespace Ferry.Core.Backup;

/// <summary>
/// Copies documents into 256 KiB chunks that a background task writes to the backup file (through SHA-256), so
/// reading the store and writing the file overlap. With gzip each chunk is compressed on the thread pool into its own
/// gzip member (a multi-member file, which gzip, Go's reader used by mongorestore and .NET all read as one stream), so
/// compression runs in parallel. At most four chunks wait, so memory stays constant.
/// </summary>
internal sealed class WriteBehindPipeline
{
    private const int ChunkSize = 256 * 1024;

    private readonly Channel<Task<Chunk>> _chunks = Channel.CreateBounded<Task<Chunk>>(4);
    private readonly Task _writer;
    private readonly bool _gzip;
    private byte[] _current = ArrayPool<byte>.Shared.Rent(ChunkSize);
    private int _used;

    public WriteBehindPipeline(Stream destination, bool gzip, CancellationToken cancellationToken)
    {
        _gzip = gzip;
        _writer = Task.Run(() => DrainAsync(destination, cancellationToken), cancellationToken);
    }

    public long DocumentCount { get; private set; }

    public long ByteCount { get; private set; }

    public async ValueTask AddAsync(ReadOnlyMemory<byte> document, CancellationToken cancellationToken)
    {
        if (_used + document.Length > _current.Length)
        {
            await PostAsync(cancellationToken).ConfigureAwait(false);
            if (document.Length > _current.Length)
            {
                ArrayPool<byte>.Shared.Return(_current);
                _current = ArrayPool<byte>.Shared.Rent(document.Length);
            }
        }

        document.Span.CopyTo(_current.AsSpan(_used));
        _used += document.Length;
        DocumentCount++;
        ByteCount += document.Length;
    }

    /// <summary>Writes what is left and waits for the writer; rethrows its failure.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (_used > 0)
        {
            await PostAsync(cancellationToken).ConfigureAwait(false);
        }

        ArrayPool<byte>.Shared.Return(_current);
        _chunks.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    /// <summary>Stops the writer after a failure of the reading side.</summary>
    public async Task AbandonAsync()
    {
        _chunks.Writer.TryComplete();
        try
        {
            await _writer.ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // the reading side's failure is the one reported
        }
    }

    private async Task PostAsync(CancellationToken cancellationToken)
    {
        try
        {
            var (buffer, used) = (_current, _used);
            var chunk = _gzip ? Task.Run(() => Compress(buffer, used), cancellationToken) : Task.FromResult(new Chunk(buffer, used, Pooled: true));
            await _chunks.Writer.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            await _writer.ConfigureAwait(false); // surfaces the writer's exception
            throw;
        }

        _current = ArrayPool<byte>.Shared.Rent(ChunkSize);
        _used = 0;
    }

    private async Task DrainAsync(Stream destination, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var pending in _chunks.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                var chunk = await pending.ConfigureAwait(false);
                destination.Write(chunk.Buffer, 0, chunk.Length);
                if (chunk.Pooled)
                {
                    ArrayPool<byte>.Shared.Return(chunk.Buffer);
                }
            }
        }
        catch (Exception e)
        {
            _chunks.Writer.TryComplete(e);
            throw;
        }
    }

    private static Chunk Compress(byte[] buffer, int length)
    {
        var compressed = new MemoryStream(length / 2 + 64);
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(buffer, 0, length);
        }

        ArrayPool<byte>.Shared.Return(buffer);
        return new Chunk(compressed.GetBuffer(), (int)compressed.Length, Pooled: false);
    }

    private readonly record struct Chunk(byte[] Buffer, int Length, bool Pooled);
}

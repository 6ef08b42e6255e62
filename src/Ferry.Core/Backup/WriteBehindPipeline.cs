using System.Buffers;
using System.Threading.Channels;

namespace Ferry.Core.Backup;

/// <summary>
/// Copies documents into 256 KiB chunks that a background task writes to the backup file (through SHA-256), so
/// reading the store and writing the file overlap. At most four chunks wait, so memory stays constant.
/// </summary>
internal sealed class WriteBehindPipeline
{
    private const int ChunkSize = 256 * 1024;

    private readonly Channel<(byte[] Buffer, int Length)> _chunks = Channel.CreateBounded<(byte[], int)>(4);
    private readonly Task _writer;
    private byte[] _current = ArrayPool<byte>.Shared.Rent(ChunkSize);
    private int _used;

    public WriteBehindPipeline(Stream destination, CancellationToken cancellationToken)
    {
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
            await _chunks.Writer.WriteAsync((_current, _used), cancellationToken).ConfigureAwait(false);
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
            await foreach (var (buffer, length) in _chunks.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                destination.Write(buffer, 0, length);
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        catch (Exception e)
        {
            _chunks.Writer.TryComplete(e);
            throw;
        }
    }
}

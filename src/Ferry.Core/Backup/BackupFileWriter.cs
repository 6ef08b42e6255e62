using Ferry.Core.Backup.Formats;

namespace Ferry.Core.Backup;

/// <summary>
/// One file being written into a backup: file → SHA-256 counter → optional (parallel, multi-member) gzip → buffer. <see cref="CompleteAsync"/>
/// flushes everything and returns the manifest entry (size and hash of the bytes on disk).
/// </summary>
internal sealed class BackupFileWriter : IAsyncDisposable
{
    private const int BufferSize = 1 << 16;

    private readonly string _relativePath;
    private readonly HashingStream _hashing;
    private readonly Stream _top;
    private bool _completed;

    public BackupFileWriter(string backupFolder, string relativePath, bool gzip)
    {
        _relativePath = relativePath;
        var full = Path.Combine(backupFolder, relativePath.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var file = new FileStream(full, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize);
        _hashing = new HashingStream(file);
        Stream compressed = gzip ? new ParallelGzipStream(_hashing, leaveOpen: true) : _hashing;
        _top = new BufferedStream(compressed, BufferSize);
    }

    public Stream Stream => _top;

    public async Task<ManifestFile> CompleteAsync(long? documents, CancellationToken cancellationToken)
    {
        // Disposing the top of the chain flushes the buffer and finishes the gzip member; then the file is closed.
        await _top.FlushAsync(cancellationToken).ConfigureAwait(false);
        await _top.DisposeAsync().ConfigureAwait(false);
        await _hashing.DisposeAsync().ConfigureAwait(false);
        _completed = true;
        return new ManifestFile(_relativePath, _hashing.ByteCount, _hashing.HashHex()) { Documents = documents };
    }

    public async ValueTask DisposeAsync()
    {
        if (!_completed)
        {
            await _top.DisposeAsync().ConfigureAwait(false);
            await _hashing.DisposeAsync().ConfigureAwait(false);
        }
    }
}

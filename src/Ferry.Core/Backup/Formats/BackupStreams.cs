using System.IO.Compression;

namespace Ferry.Core.Backup.Formats;

/// <summary>
/// Opens backup files for reading with gzip detected by its magic bytes (1f 8b), so <c>.gz</c> files and gzipped
/// archives read the same way as plain ones.
/// </summary>
public static class BackupStreams
{
    private const int BufferSize = 1 << 16;

    /// <summary>Opens <paramref name="path"/>, decompressing when it starts with the gzip magic.</summary>
    public static Stream OpenRead(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
        Span<byte> magic = stackalloc byte[2];
        var got = file.Read(magic);
        file.Position = 0;
        if (got == 2 && magic[0] == 0x1f && magic[1] == 0x8b)
        {
            return new BufferedStream(new GZipStream(file, CompressionMode.Decompress, leaveOpen: false), BufferSize);
        }

        return file;
    }
}

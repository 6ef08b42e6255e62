using System.IO.Compression;

namespace Ferry.Core.Backup.Formats;

/// <summary>
/// Opens backup files for reading with gzip detected by its magic bytes (1f 8b), so <c>.gz</c> files and gzipped
/// archives read the same way as plain ones; and creates files, gzip-compressed when asked.
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

    /// <summary>Creates <paramref name="path"/> (gzip-compressing when <paramref name="gzip"/>).</summary>
    public static Stream Create(string path, bool gzip)
    {
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous);
        return gzip ? new GZipStream(file, CompressionLevel.Fastest, leaveOpen: false) : file;
    }
}

using System.IO.Compression;

namespace Ferry.Core.Tests.Backup;

/// <summary>
/// A <c>mongodump --archive --gzip</c> file made from a real mongo-tools archive: mongodump gzips the whole archive
/// stream as one gzip member, which is what this writes. (No licensed gzipped archive exists to copy.)
/// </summary>
internal static class GzippedArchive
{
    /// <summary>Writes <paramref name="archive"/> gzipped into <paramref name="folder"/> and returns the new file's path.</summary>
    public static string Create(string archive, string folder)
    {
        var path = Path.Combine(folder, Path.GetFileName(archive) + ".gz");
        using var source = File.OpenRead(archive);
        using var target = new GZipStream(File.Create(path), CompressionLevel.Optimal);
        source.CopyTo(target);
        return path;
    }
}

namespace Ferry.Core.Backup.Formats;

/// <summary>
/// <c>ferry-manifest.json</c>, written last beside the dump files: what the backup holds and the size, SHA-256 and
/// document count of every file, so <c>backup verify</c> can prove the backup is intact. mongorestore ignores it.
/// </summary>
public sealed record FerryManifest
{
    public const string FileName = "ferry-manifest.json";

    public const string DirectoryLayout = "directory";

    public const string ArchiveLayout = "archive";

    /// <summary>2 since manifests carry <see cref="ManifestSha256"/>; 1 before (still read, with a warning).</summary>
    public int ManifestVersion { get; init; } = CurrentVersion;

    public const int CurrentVersion = 2;

    public required string Tag { get; init; }

    /// <summary>The source store's URI, credentials redacted.</summary>
    public required string Source { get; init; }

    public required DateTimeOffset Created { get; init; }

    public required string FerryVersion { get; init; }

    public bool Emergency { get; init; }

    /// <summary><see cref="DirectoryLayout"/> or <see cref="ArchiveLayout"/>.</summary>
    public required string Layout { get; init; }

    public bool Gzip { get; init; }

    public IReadOnlyList<string> Databases { get; init; } = [];

    public IReadOnlyList<ManifestFile> Files { get; init; } = [];

    public IReadOnlyList<ManifestNamespace> Namespaces { get; init; } = [];

    /// <summary>
    /// SHA-256 of the manifest's own canonical content (see <see cref="FerryManifestJson"/>), so a flipped byte in a
    /// date, the source or a count is caught like one in a data file. Null in manifests written before version 2.
    /// </summary>
    public string? ManifestSha256 { get; init; }

    public long DocumentCount => Namespaces.Sum(n => n.Documents);

    public long ByteCount => Files.Sum(f => f.Size);
}

/// <summary>One file of a backup, path relative to the backup folder with '/' separators.</summary>
public sealed record ManifestFile(string Path, long Size, string Sha256)
{
    /// <summary>Documents in a <c>.bson</c> file (null for metadata and archives).</summary>
    public long? Documents { get; init; }
}

/// <summary>One dumped collection: its documents and raw BSON bytes, and the file holding them.</summary>
public sealed record ManifestNamespace(string Database, string Collection, long Documents, long Bytes)
{
    public string Namespace => $"{Database}.{Collection}";

    /// <summary>Data file relative to the backup folder (the archive for the archive layout; null for views).</summary>
    public string? DataFile { get; init; }

    public string? MetadataFile { get; init; }

    public string? Type { get; init; }
}

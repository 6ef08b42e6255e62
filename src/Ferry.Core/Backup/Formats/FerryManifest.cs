using System.Text.Json;
using System.Text.Json.Serialization;

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

    public int ManifestVersion { get; init; } = 1;

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

/// <summary>Reads and writes <see cref="FerryManifest"/> as indented JSON.</summary>
public static class FerryManifestJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(FerryManifest manifest) => JsonSerializer.Serialize(manifest, Options);

    public static FerryManifest Parse(string json, string fileLabel)
    {
        try
        {
            return JsonSerializer.Deserialize<FerryManifest>(json, Options)
                ?? throw new BackupFormatException(fileLabel, 0, "manifest is empty");
        }
        catch (JsonException e)
        {
            throw new BackupFormatException(fileLabel, e.BytePositionInLine ?? 0, $"manifest is not valid (line {e.LineNumber + 1}): {e.Message}", e);
        }
    }

    public static async Task<FerryManifest> ReadAsync(string path, CancellationToken cancellationToken = default) =>
        Parse(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false), path);
}

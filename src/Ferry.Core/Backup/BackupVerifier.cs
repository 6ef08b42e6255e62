using Ferry.Core.Backup.Formats;
using MongoDB.Bson;

namespace Ferry.Core.Backup;

/// <summary>One thing wrong with a backup: the file, the byte offset where known, and what.</summary>
public sealed record VerificationProblem(string File, long? Offset, string Message)
{
    public override string ToString() => Offset is { } offset ? $"{File}: byte {offset}: {Message}" : $"{File}: {Message}";

    public BsonDocument ToBson() => new() { { "file", File }, { "offset", Offset is { } o ? o : BsonNull.Value }, { "message", Message } };
}

/// <summary>The result of verifying one backup.</summary>
public sealed record VerificationReport(string Tag, DateTimeOffset At, IReadOnlyList<VerificationProblem> Problems, int FilesChecked, long DocumentsChecked, long BytesChecked)
{
    public bool Ok => Problems.Count == 0;

    /// <summary>Not failures: what the check could not cover (e.g. a manifest from before manifest checksums).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The <c>backup verify --json</c> document.</summary>
    public BsonDocument ToBson() => new()
    {
        { "tag", Tag },
        { "ok", Ok },
        { "at", At.UtcDateTime },
        { "files", FilesChecked },
        { "documents", DocumentsChecked },
        { "bytes", BytesChecked },
        { "problems", new BsonArray(Problems.Select(p => p.ToBson())) },
        { "warnings", new BsonArray(Warnings) },
    };
}

/// <summary>
/// Re-reads every file of a backup: the manifest itself (every field, its own checksum), size and SHA-256 of every
/// file against it, every BSON document parsed (length prefixes, terminators, types), archive CRCs, metadata JSON,
/// document counts per file and per namespace, and no file in the folder that the manifest does not list.
/// </summary>
internal sealed class BackupVerifier(TimeProvider time)
{
    public async Task<VerificationReport> VerifyAsync(string folder, string tag, CancellationToken cancellationToken)
    {
        var problems = new List<VerificationProblem>();
        FerryManifest manifest;
        try
        {
            manifest = await FerryManifestJson.ReadAsync(Path.Combine(folder, FerryManifest.FileName), cancellationToken).ConfigureAwait(false);
        }
        catch (BackupFormatException e)
        {
            return new VerificationReport(tag, time.GetUtcNow(), [new VerificationProblem(FerryManifest.FileName, e.HasOffset ? e.Offset : null, e.Problem)], 0, 0, 0);
        }

        var warnings = new List<string>();
        if (manifest.ManifestSha256 is null)
        {
            warnings.Add($"{FerryManifest.FileName}: written before manifests carried their own checksum (manifestVersion {manifest.ManifestVersion}); its own fields (dates, source, counts) are not protected");
        }

        long documents = 0, bytes = 0;
        var files = 0;
        foreach (var file in manifest.Files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var full = Path.Combine(folder, file.Path.Replace('/', Path.DirectorySeparatorChar));
            if (file.Path.Contains("..", StringComparison.Ordinal) || Path.IsPathRooted(file.Path))
            {
                problems.Add(new VerificationProblem(file.Path, null, "manifest names a path outside the backup folder"));
                continue;
            }

            if (!File.Exists(full))
            {
                problems.Add(new VerificationProblem(file.Path, null, "file is missing"));
                continue;
            }

            files++;
            var size = new FileInfo(full).Length;
            bytes += size;
            if (size != file.Size)
            {
                problems.Add(new VerificationProblem(file.Path, null, $"size is {size} bytes, the manifest says {file.Size}"));
            }

            var hashing = new HashingStream(new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan));
            await using (hashing.ConfigureAwait(false))
            {
                documents += await ParseAsync(file, hashing, manifest, problems, cancellationToken).ConfigureAwait(false);
                await hashing.DrainAsync(cancellationToken).ConfigureAwait(false);
                if (!string.Equals(hashing.HashHex(), file.Sha256, StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add(new VerificationProblem(file.Path, null, $"SHA-256 is {hashing.HashHex()}, the manifest says {file.Sha256}"));
                }
            }
        }

        problems.AddRange(UnlistedFiles(folder, manifest));
        return new VerificationReport(manifest.Tag, time.GetUtcNow(), problems, files, documents, bytes) { Warnings = warnings };
    }

    /// <summary>
    /// Files in the backup folder the manifest does not list: a restore would read a <c>.bson</c> added later without
    /// any checksum. Hidden files and folders (<c>.DS_Store</c> and the like) are not part of a dump and are skipped.
    /// </summary>
    private static IEnumerable<VerificationProblem> UnlistedFiles(string folder, FerryManifest manifest)
    {
        var listed = manifest.Files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        listed.Add(FerryManifest.FileName);
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/');
            if (!listed.Contains(relative) && !relative.Split('/').Any(segment => segment.StartsWith('.')))
            {
                yield return new VerificationProblem(relative, null, "file is not listed in the manifest (added after the backup was written?)");
            }
        }
    }

    private static async Task<long> ParseAsync(ManifestFile file, HashingStream raw, FerryManifest manifest, List<VerificationProblem> problems, CancellationToken cancellationToken)
    {
        var gzip = file.Path.EndsWith(".gz", StringComparison.Ordinal);
        Stream stream = gzip ? new System.IO.Compression.GZipStream(raw, System.IO.Compression.CompressionMode.Decompress, leaveOpen: true) : raw;
        try
        {
            if (manifest.Layout == FerryManifest.ArchiveLayout)
            {
                return await ParseArchiveAsync(file, stream, manifest, problems, cancellationToken).ConfigureAwait(false);
            }

            if (file.Path.Contains(".metadata.json", StringComparison.Ordinal))
            {
                using var reader = new StreamReader(stream, leaveOpen: true);
                MetadataJson.Parse(await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false), file.Path);
                return 0;
            }

            var bson = new BsonStreamReader(stream, file.Path);
            while (await bson.ReadNextAsync(cancellationToken).ConfigureAwait(false) is not null)
            {
            }

            if (file.Documents is { } expected && expected != bson.DocumentCount)
            {
                problems.Add(new VerificationProblem(file.Path, null, $"holds {bson.DocumentCount} documents, the manifest says {expected}"));
            }

            return bson.DocumentCount;
        }
        catch (BackupFormatException e)
        {
            problems.Add(new VerificationProblem(file.Path, e.HasOffset ? e.Offset : null, e.Problem));
            return 0;
        }
        catch (InvalidDataException e)
        {
            problems.Add(new VerificationProblem(file.Path, null, $"corrupt gzip data: {e.Message}"));
            return 0;
        }
        finally
        {
            if (gzip)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task<long> ParseArchiveAsync(ManifestFile file, Stream stream, FerryManifest manifest, List<VerificationProblem> problems, CancellationToken cancellationToken)
    {
        var reader = await ArchiveReader.OpenAsync(stream, file.Path, cancellationToken: cancellationToken).ConfigureAwait(false);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        long total = 0;
        while (await reader.ReadNextAsync(cancellationToken).ConfigureAwait(false) is { } item)
        {
            if (!item.IsEndOfNamespace)
            {
                counts[item.Namespace] = counts.GetValueOrDefault(item.Namespace) + 1;
                total++;
            }
        }

        foreach (var ns in manifest.Namespaces)
        {
            var found = counts.GetValueOrDefault(ns.Namespace);
            if (found != ns.Documents)
            {
                problems.Add(new VerificationProblem(file.Path, null, $"{ns.Namespace} holds {found} documents, the manifest says {ns.Documents}"));
            }
        }

        return total;
    }
}

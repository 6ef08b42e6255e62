using System.Text.Json;
using Ferry.Core.Backup.Formats;
using MongoDB.Bson;

namespace Ferry.Core.Backup;

/// <summary>A backup as <c>backup list</c> shows it: its manifest plus the last verification, if any.</summary>
public sealed record BackupEntry(string Tag, string Path, FerryManifest Manifest, VerificationRecord? Verification)
{
    /// <summary>Why the manifest cannot be read (then <see cref="Manifest"/> is a placeholder); null when it reads.</summary>
    public string? Problem { get; init; }

    public bool Readable => Problem is null;

    /// <summary>One backup as <c>backup list --json</c> and <c>backup last-good --json</c> show it.</summary>
    public BsonDocument ToBson() => new()
    {
        { "tag", Tag },
        { "created", Manifest.Created.UtcDateTime },
        { "source", Manifest.Source },
        { "emergency", Manifest.Emergency },
        { "layout", Manifest.Layout },
        { "databases", new BsonArray(Manifest.Databases) },
        { "collections", Manifest.Namespaces.Count },
        { "documents", Manifest.DocumentCount },
        { "bytes", Manifest.ByteCount },
        { "verified", Verification is { } v ? v.Ok : BsonNull.Value },
        { "verifiedAt", Verification is { } w ? w.At.UtcDateTime : BsonNull.Value },
        { "path", Path },
        { "problem", Problem is { } problem ? problem : BsonNull.Value },
    };

    /// <summary>The <c>backup list --json</c> document.</summary>
    public static BsonDocument ListToBson(IEnumerable<BackupEntry> entries) => new("backups", new BsonArray(entries.Select(e => e.ToBson())));

    /// <summary>The <c>backup last-good --json</c> document: <c>found</c>, then the backup's fields when there is one.</summary>
    public static BsonDocument LastGoodToBson(BackupEntry? good)
    {
        var json = good?.ToBson() ?? [];
        json.InsertAt(0, new BsonElement("found", good is not null));
        return json;
    }
}

/// <summary>The outcome of the last <c>backup verify</c> of one backup.</summary>
public sealed record VerificationRecord(bool Ok, DateTimeOffset At, int Problems);

/// <summary>
/// The backup root: one folder per complete backup (its manifest makes it visible; hidden <c>.tmp-</c> folders of
/// unfinished backups are ignored) and <c>ferry-catalog.json</c>, the verification results beside them.
/// </summary>
public sealed class BackupCatalog(string root)
{
    public const string CatalogFileName = "ferry-catalog.json";

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    public string Root { get; } = System.IO.Path.GetFullPath(root);

    /// <summary>Every complete backup, newest first.</summary>
    public async Task<IReadOnlyList<BackupEntry>> ListAsync(CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(Root))
        {
            return [];
        }

        var verifications = await ReadVerificationsAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<BackupEntry>();
        foreach (var folder in Directory.EnumerateDirectories(Root))
        {
            var tag = System.IO.Path.GetFileName(folder);
            var manifestPath = System.IO.Path.Combine(folder, FerryManifest.FileName);
            if (tag.StartsWith('.') || !File.Exists(manifestPath))
            {
                continue;
            }

            try
            {
                var manifest = await FerryManifestJson.ReadAsync(manifestPath, cancellationToken).ConfigureAwait(false);
                entries.Add(new BackupEntry(tag, folder, manifest, verifications.GetValueOrDefault(tag)));
            }
            catch (Exception e) when (e is BackupFormatException or IOException or UnauthorizedAccessException)
            {
                // A damaged manifest is a failed backup, listed with its reason, not one that hides the others.
                var placeholder = new FerryManifest { Tag = tag, Source = "?", Created = File.GetLastWriteTimeUtc(manifestPath), FerryVersion = "?", Layout = "?" };
                entries.Add(new BackupEntry(tag, folder, placeholder, verifications.GetValueOrDefault(tag)) { Problem = e.Message });
            }
        }

        return entries.OrderByDescending(e => e.Manifest.Created).ThenByDescending(e => e.Tag, StringComparer.Ordinal).ToList();
    }

    /// <summary>The folder of a complete backup, or a clear error naming the tags that exist.</summary>
    public string FolderOf(string tag)
    {
        BackupTag.Validate(tag);
        var folder = System.IO.Path.Combine(Root, tag);
        if (!File.Exists(System.IO.Path.Combine(folder, FerryManifest.FileName)))
        {
            throw new Errors.UserInputException($"--tag {tag}: no complete backup with this tag in {Root}");
        }

        return folder;
    }

    public async Task RecordVerificationAsync(string tag, VerificationRecord record, CancellationToken cancellationToken = default)
    {
        var verifications = await ReadVerificationsAsync(cancellationToken).ConfigureAwait(false);
        verifications[tag] = record;
        Directory.CreateDirectory(Root);
        var path = System.IO.Path.Combine(Root, CatalogFileName);
        var temp = path + $".{Guid.NewGuid():N}.tmp";
        await File.WriteAllTextAsync(temp, JsonSerializer.Serialize(new CatalogFile { Verifications = verifications }, JsonOptions), cancellationToken).ConfigureAwait(false);
        File.Move(temp, path, overwrite: true);
    }

    private async Task<Dictionary<string, VerificationRecord>> ReadVerificationsAsync(CancellationToken cancellationToken)
    {
        var path = System.IO.Path.Combine(Root, CatalogFileName);
        if (!File.Exists(path))
        {
            return new Dictionary<string, VerificationRecord>(StringComparer.Ordinal);
        }

        try
        {
            var file = JsonSerializer.Deserialize<CatalogFile>(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false), JsonOptions);
            return new Dictionary<string, VerificationRecord>(file?.Verifications ?? [], StringComparer.Ordinal);
        }
        catch (JsonException e)
        {
            throw new Errors.UserInputException($"{path}: the backup catalog is not valid JSON ({e.Message}); delete it to start a fresh one", e);
        }
    }

    private sealed class CatalogFile
    {
        public Dictionary<string, VerificationRecord> Verifications { get; init; } = [];
    }
}

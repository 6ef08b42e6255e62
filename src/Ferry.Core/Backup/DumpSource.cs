using Ferry.Core.Backup.Formats;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;

namespace Ferry.Core.Backup;

/// <summary>One namespace of a dump: its metadata, where its documents are, and how many the manifest promises.</summary>
internal sealed record DumpNamespace(string Database, string Collection, CollectionMetadata Metadata)
{
    public string Namespace => $"{Database}.{Collection}";

    /// <summary>The <c>.bson</c>(<c>.gz</c>) file for directory dumps; null for archives and metadata-only namespaces.</summary>
    public string? DataFile { get; init; }

    /// <summary>Label used in errors (path relative to the dump).</summary>
    public string? DataLabel { get; init; }

    public long? ExpectedDocuments { get; init; }
}

/// <summary>
/// A dump to restore: a mongodump folder (<c>db/coll.bson[.gz]</c> + metadata, legacy <c>system.indexes.bson</c>,
/// <c>oplog.bson</c>) or a mongodump archive (gzipped or not), plus a Ferry manifest when it is a Ferry backup.
/// </summary>
internal sealed class DumpSource
{
    private DumpSource(string path, string? archiveFile, IReadOnlyList<DumpNamespace> namespaces, IReadOnlyList<string> warnings, string? oplogFile)
    {
        Path = path;
        ArchiveFile = archiveFile;
        Namespaces = namespaces;
        Warnings = warnings;
        OplogFile = oplogFile;
    }

    public string Path { get; }

    /// <summary>The archive to stream for archive dumps (documents arrive interleaved); null for directory dumps.</summary>
    public string? ArchiveFile { get; }

    public IReadOnlyList<DumpNamespace> Namespaces { get; }

    public IReadOnlyList<string> Warnings { get; }

    public string? OplogFile { get; }

    public static async Task<DumpSource> OpenAsync(string path, CancellationToken cancellationToken)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (File.Exists(full))
        {
            return await OpenArchiveAsync(full, full, null, cancellationToken).ConfigureAwait(false);
        }

        if (!Directory.Exists(full))
        {
            throw new Errors.UserInputException($"--from {path}: no such folder or archive file");
        }

        FerryManifest? manifest = null;
        var manifestPath = System.IO.Path.Combine(full, FerryManifest.FileName);
        if (File.Exists(manifestPath))
        {
            manifest = await FerryManifestJson.ReadAsync(manifestPath, cancellationToken).ConfigureAwait(false);
            if (manifest.Layout == FerryManifest.ArchiveLayout)
            {
                return await OpenArchiveAsync(full, ArchiveOf(full, manifest, manifestPath), manifest, cancellationToken).ConfigureAwait(false);
            }
        }

        return await OpenDirectoryAsync(full, manifest, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The archive an archive-layout manifest names: exactly one file, inside the backup folder.</summary>
    private static string ArchiveOf(string folder, FerryManifest manifest, string manifestPath)
    {
        if (manifest.Files.Count != 1)
        {
            throw new Errors.UserInputException($"{manifestPath}: an archive backup's manifest must list exactly one file, found {manifest.Files.Count}");
        }

        var name = manifest.Files[0].Path;
        var archive = System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, name.Replace('/', System.IO.Path.DirectorySeparatorChar)));
        if (name.Contains("..", StringComparison.Ordinal) || System.IO.Path.IsPathRooted(name) || !archive.StartsWith(folder + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new Errors.UserInputException($"{manifestPath}: the manifest names '{name}', a path outside the backup folder; refusing to read it");
        }

        return archive;
    }

    private static async Task<DumpSource> OpenArchiveAsync(string path, string archiveFile, FerryManifest? manifest, CancellationToken cancellationToken)
    {
        var label = System.IO.Path.GetFileName(archiveFile);
        await using var stream = BackupStreams.OpenRead(archiveFile);
        var reader = await ArchiveReader.OpenAsync(stream, label, cancellationToken: cancellationToken).ConfigureAwait(false);
        var namespaces = new List<DumpNamespace>();
        foreach (var entry in reader.Prelude.Namespaces)
        {
            var metadata = MetadataJson.Parse(entry.MetadataJson, $"{label}: metadata of {entry.Namespace}");
            if (entry.Type is not null && metadata.Type is null)
            {
                metadata = metadata with { Type = entry.Type };
            }

            namespaces.Add(new DumpNamespace(entry.Database, entry.Collection, metadata) { ExpectedDocuments = Expected(manifest, entry.Database, entry.Collection) });
            if (metadata.IsTimeSeries)
            {
                namespaces.Add(new DumpNamespace(entry.Database, "system.buckets." + entry.Collection, new CollectionMetadata()));
            }
        }

        return new DumpSource(path, archiveFile, namespaces, [], null);
    }

    private static async Task<DumpSource> OpenDirectoryAsync(string root, FerryManifest? manifest, CancellationToken cancellationToken)
    {
        var warnings = new List<string>();
        var namespaces = new List<DumpNamespace>();
        string? oplog = null;
        foreach (var file in Directory.EnumerateFiles(root).Order(StringComparer.Ordinal))
        {
            var name = System.IO.Path.GetFileName(file);
            if (name is "oplog.bson" or "oplog.bson.gz")
            {
                oplog = file;
            }
            else if (name != FerryManifest.FileName && !name.StartsWith("prelude.json", StringComparison.Ordinal))
            {
                warnings.Add($"{name}: not part of a dump layout (expected DB/COLL.bson), ignored");
            }
        }

        foreach (var dbFolder in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            var database = System.IO.Path.GetFileName(dbFolder);
            if (database.StartsWith('.'))
            {
                continue;
            }

            NamespaceGuard.Check(database, "x", database, 0);
            namespaces.AddRange(await ReadDatabaseFolderAsync(root, dbFolder, database, manifest, warnings, cancellationToken).ConfigureAwait(false));
        }

        return new DumpSource(root, null, namespaces, warnings, oplog);
    }

    private static async Task<List<DumpNamespace>> ReadDatabaseFolderAsync(
        string root, string folder, string database, FerryManifest? manifest, List<string> warnings, CancellationToken cancellationToken)
    {
        var data = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var metadataFiles = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var legacyIndexes = new List<BsonDocument>();
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            var name = System.IO.Path.GetFileName(file);
            var relative = $"{database}/{name}";
            if (name is "system.indexes.bson" or "system.indexes.bson.gz")
            {
                legacyIndexes.AddRange(await ReadLegacyIndexesAsync(file, relative, cancellationToken).ConfigureAwait(false));
            }
            else if (TrimSuffix(name, ".metadata.json") is { } metadataName)
            {
                metadataFiles[metadataName] = file;
            }
            else if (TrimSuffix(name, ".bson") is { } dataName)
            {
                data[dataName] = file;
            }
            else if (!name.StartsWith("prelude.json", StringComparison.Ordinal))
            {
                warnings.Add($"{relative}: not a .bson or .metadata.json file, ignored");
            }
        }

        foreach (var sub in Directory.EnumerateDirectories(folder))
        {
            warnings.Add($"{database}/{System.IO.Path.GetFileName(sub)}: unexpected folder inside a database folder, ignored");
        }

        var namespaces = new List<DumpNamespace>();
        foreach (var escaped in data.Keys.Union(metadataFiles.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var metadata = new CollectionMetadata();
            if (metadataFiles.TryGetValue(escaped, out var metadataFile))
            {
                await using var stream = BackupStreams.OpenRead(metadataFile);
                using var text = new StreamReader(stream);
                metadata = MetadataJson.Parse(await text.ReadToEndAsync(cancellationToken).ConfigureAwait(false), System.IO.Path.GetRelativePath(root, metadataFile));
            }

            var collection = metadata.CollectionName ?? CollectionFileNames.Unescape(escaped, $"{database}/{escaped}");
            NamespaceGuard.Check(database, collection.Replace('/', '_'), $"{database}/{escaped}", 0);
            var legacy = legacyIndexes.Where(i => i.GetValue("ns", "").ToString() == $"{database}.{collection}").ToList();
            if (legacy.Count > 0 && metadata.IndexesToCreate().Count == 0)
            {
                metadata = metadata with { Indexes = legacy };
            }

            data.TryGetValue(escaped, out var dataFile);
            namespaces.Add(new DumpNamespace(database, collection, metadata)
            {
                DataFile = dataFile,
                DataLabel = dataFile is null ? null : System.IO.Path.GetRelativePath(root, dataFile).Replace('\\', '/'),
                ExpectedDocuments = Expected(manifest, database, collection),
            });
        }

        return namespaces;
    }

    private static async Task<List<BsonDocument>> ReadLegacyIndexesAsync(string file, string label, CancellationToken cancellationToken)
    {
        var indexes = new List<BsonDocument>();
        await using var stream = BackupStreams.OpenRead(file);
        var reader = new BsonStreamReader(stream, label);
        while (await reader.ReadNextAsync(cancellationToken).ConfigureAwait(false) is { } bytes)
        {
            indexes.Add(BsonSerializer.Deserialize<BsonDocument>(bytes));
        }

        return indexes;
    }

    private static long? Expected(FerryManifest? manifest, string database, string collection) =>
        manifest?.Namespaces.FirstOrDefault(n => n.Database == database && n.Collection == collection)?.Documents;

    private static string? TrimSuffix(string name, string suffix)
    {
        if (name.EndsWith(suffix, StringComparison.Ordinal))
        {
            return name[..^suffix.Length];
        }

        return name.EndsWith(suffix + ".gz", StringComparison.Ordinal) ? name[..^(suffix.Length + 3)] : null;
    }
}

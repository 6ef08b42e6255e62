using System.Collections.Concurrent;
using System.Reflection;
using Ferry.Core.Backup.Formats;
using Ferry.Core.Errors;
using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Core.Backup;

/// <summary>
/// Writes a backup: plans the namespaces, streams every collection (never a whole one in memory) into the
/// directory or archive layout inside a hidden temporary folder, writes the manifest last and only then renames the
/// folder to its tag, so an interrupted backup is never listed or restored.
/// </summary>
internal sealed class BackupCreator(TimeProvider time)
{
    private static readonly string[] ExcludedDatabases = ["local", "config"];

    public async Task<BackupResult> CreateAsync(IDocumentStore store, BackupOptions options, IProgress<BackupProgress>? progress, CancellationToken cancellationToken)
    {
        var tag = BackupTag.Validate(options.Emergency ? BackupTag.EmergencyPrefix + options.Tag : options.Tag);
        if (options.Parallel < 1)
        {
            throw new UserInputException($"--parallel {options.Parallel}: expected 1 or more");
        }

        var root = Path.GetFullPath(options.OutputRoot);
        var final = Path.Combine(root, tag);
        if (Directory.Exists(final))
        {
            throw new UserInputException($"--tag {tag}: a backup with this tag already exists in {root}");
        }

        var plan = await PlanAsync(store, options, cancellationToken).ConfigureAwait(false);

        // The backup's run, journaled in the first database it backs up (in name order). Its own journal entry is
        // left out of the dump: a backup restored elsewhere must not bring back a backup run that is "running".
        await using var run = plan.Count == 0 ? null : await StartRunAsync(store, plan, tag, options, cancellationToken).ConfigureAwait(false);
        var work = run?.Token ?? cancellationToken;
        JournaledBackupProgress? journaled = null;
        if (run is not null)
        {
            var journalDatabase = plan.Select(p => p.Database).Order(StringComparer.Ordinal).First();
            plan = plan.Select(p => p.Database == journalDatabase && p.Collection == Runs.RunJournal.CollectionName
                ? p with { Filter = new BsonDocument("_id", new BsonDocument("$ne", run.RunId)) }
                : p).ToList();
            var totals = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var p in plan.Where(p => p.Source is not null))
            {
                totals[p.Namespace] = await p.Source!.EstimatedCountAsync(work).ConfigureAwait(false);
            }

            journaled = new JournaledBackupProgress(run, progress, totals);
            progress = journaled;
        }

        var created = time.GetUtcNow();
        Directory.CreateDirectory(root);
        var temp = Path.Combine(root, $".tmp-{tag}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        try
        {
            var (files, namespaces) = options.Archive
                ? await WriteArchiveAsync(store, plan, temp, options, progress, work).ConfigureAwait(false)
                : await WriteDirectoryAsync(plan, temp, options, progress, work).ConfigureAwait(false);

            var manifest = new FerryManifest
            {
                Tag = tag,
                Source = UriRedactor.Redact(store.DisplayUri),
                Created = created,
                FerryVersion = FerryVersion(),
                Emergency = options.Emergency,
                Layout = options.Archive ? FerryManifest.ArchiveLayout : FerryManifest.DirectoryLayout,
                Gzip = options.Gzip,
                Databases = plan.Select(p => p.Database).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
                Files = files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList(),
                Namespaces = namespaces.OrderBy(n => n.Namespace, StringComparer.Ordinal).ToList(),
            };
            await File.WriteAllTextAsync(Path.Combine(temp, FerryManifest.FileName), FerryManifestJson.Serialize(manifest), cancellationToken).ConfigureAwait(false);
            Directory.Move(temp, final);
            if (run is not null)
            {
                foreach (var n in manifest.Namespaces)
                {
                    journaled!.Track(n.Namespace, n.Documents);
                }

                await run.SetBackupTagAsync(tag, CancellationToken.None).ConfigureAwait(false);
                await run.CompleteAsync().ConfigureAwait(false);
            }

            return new BackupResult(tag, final, manifest) { RunId = run?.RunId };
        }
        catch (Exception) when (run is { StopRequested: true } && !cancellationToken.IsCancellationRequested)
        {
            TryDelete(temp);
            throw await run.StoppedAsync("nothing of the backup was kept; run ferry backup create again").ConfigureAwait(false);
        }
        catch (Exception e)
        {
            TryDelete(temp);
            if (run is not null)
            {
                await run.FailedAsync(e).ConfigureAwait(false);
            }

            if (Errors.DiskFull.Is(e))
            {
                throw Errors.DiskFull.Error(final, "the disk is full or a file-size limit was reached; the partial backup was removed");
            }

            throw;
        }
    }

    private async Task<Runs.JournaledRun> StartRunAsync(IDocumentStore store, List<PlannedNamespace> plan, string tag, BackupOptions options, CancellationToken cancellationToken)
    {
        var databases = plan.Select(p => p.Database).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var spec = new BsonDocument
        {
            { "source", UriRedactor.Redact(store.DisplayUri) },
            { "tag", tag },
            { "output", Path.GetFullPath(options.OutputRoot) },
            { "databases", new BsonArray(databases) },
            { "collections", new BsonArray(options.Collections) },
            { "archive", options.Archive },
            { "gzip", options.Gzip },
            { "emergency", options.Emergency },
        };
        return await Runs.JournaledRun.StartAsync(store.GetDatabase(databases[0]), Runs.JournaledRun.NewId("backup", time), "backup", spec, time, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<List<PlannedNamespace>> PlanAsync(IDocumentStore store, BackupOptions options, CancellationToken cancellationToken)
    {
        var all = options.Databases.Count == 0 || (options.Databases.Count == 1 && options.Databases[0] == "all");
        var existing = await store.ListDatabaseNamesAsync(cancellationToken).ConfigureAwait(false);
        IEnumerable<string> databases;
        if (all)
        {
            databases = existing.Where(d => !ExcludedDatabases.Contains(d, StringComparer.Ordinal));
        }
        else
        {
            var unknown = options.Databases.Where(d => !existing.Contains(d, StringComparer.Ordinal)).ToList();
            if (unknown.Count > 0)
            {
                throw new UserInputException($"--db {string.Join(", ", unknown)}: no such database in {store.DisplayUri} (it has: {string.Join(", ", existing)})");
            }

            databases = options.Databases.Distinct(StringComparer.Ordinal);
        }

        var plan = new List<PlannedNamespace>();
        var foundCollections = new HashSet<string>(StringComparer.Ordinal);
        foreach (var database in databases.Order(StringComparer.Ordinal))
        {
            var db = store.GetDatabase(database);
            foreach (var info in await db.ListCollectionsAsync(cancellationToken).ConfigureAwait(false))
            {
                // The run lock is a running process's state, not data: restoring it would lock the database for a dead run.
                if ((options.Collections.Count > 0 && !options.Collections.Contains(info.Name, StringComparer.Ordinal)) || info.Name == Runs.DatabaseRunLock.CollectionName)
                {
                    continue;
                }

                foundCollections.Add(info.Name);
                var isView = info.Type == "view";
                var indexes = isView ? [] : await db.GetCollection(info.Name).ListIndexesAsync(cancellationToken).ConfigureAwait(false);
                var metadata = new CollectionMetadata
                {
                    Options = info.Options,
                    Indexes = indexes,
                    Uuid = info.Uuid,
                    CollectionName = info.Name,
                    Type = info.Type,
                };
                plan.Add(new PlannedNamespace(database, info.Name, metadata, isView ? null : db.GetCollection(info.Name)));
            }
        }

        var missing = options.Collections.Where(c => !foundCollections.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            throw new UserInputException($"--collections {string.Join(", ", missing)}: no such collection in the chosen database(s)");
        }

        return plan;
    }

    private static async Task<(List<ManifestFile>, List<ManifestNamespace>)> WriteDirectoryAsync(
        List<PlannedNamespace> plan, string folder, BackupOptions options, IProgress<BackupProgress>? progress, CancellationToken cancellationToken)
    {
        var files = new ConcurrentBag<ManifestFile>();
        var namespaces = new ConcurrentBag<ManifestNamespace>();
        var suffix = options.Gzip ? ".gz" : string.Empty;
        await Parallel.ForEachAsync(plan, new ParallelOptions { MaxDegreeOfParallelism = options.Parallel, CancellationToken = cancellationToken }, async (ns, ct) =>
        {
            var baseName = $"{ns.Database}/{CollectionFileNames.Escape(ns.Collection)}";
            var metadataPath = baseName + ".metadata.json" + suffix;
            await using (var metadataFile = new BackupFileWriter(folder, metadataPath, options.Gzip))
            {
                await metadataFile.Stream.WriteAsync(MetadataJson.SerializeUtf8(ns.Metadata), ct).ConfigureAwait(false);
                files.Add(await metadataFile.CompleteAsync(null, ct).ConfigureAwait(false));
            }

            string? dataPath = null;
            long documents = 0, bytes = 0;
            if (ns.Source is not null)
            {
                dataPath = baseName + ".bson" + suffix;
                await using var dataFile = new BackupFileWriter(folder, dataPath, options.Gzip);
                var pipeline = new WriteBehindPipeline(dataFile.Stream, ct);
                try
                {
                    await foreach (var document in ns.Source.ScanAsync(new ScanOptions { BatchSize = options.BatchSize, Filter = ns.Filter }, ct).ConfigureAwait(false))
                    {
                        using (document)
                        {
                            await pipeline.AddAsync(RawDocumentBytes.View(document), ct).ConfigureAwait(false);
                        }

                        if (pipeline.DocumentCount % options.BatchSize == 0)
                        {
                            progress?.Report(new BackupProgress(ns.Namespace, pipeline.DocumentCount, pipeline.ByteCount, false));
                        }
                    }

                    await pipeline.CompleteAsync(ct).ConfigureAwait(false);
                }
                catch
                {
                    await pipeline.AbandonAsync().ConfigureAwait(false);
                    throw;
                }

                documents = pipeline.DocumentCount;
                bytes = pipeline.ByteCount;
                files.Add(await dataFile.CompleteAsync(documents, ct).ConfigureAwait(false));
            }

            progress?.Report(new BackupProgress(ns.Namespace, documents, bytes, true));
            namespaces.Add(new ManifestNamespace(ns.Database, ns.Collection, documents, bytes) { DataFile = dataPath, MetadataFile = metadataPath, Type = ns.Metadata.Type });
        }).ConfigureAwait(false);
        return (files.ToList(), namespaces.ToList());
    }

    private static async Task<(List<ManifestFile>, List<ManifestNamespace>)> WriteArchiveAsync(
        IDocumentStore store, List<PlannedNamespace> plan, string folder, BackupOptions options, IProgress<BackupProgress>? progress, CancellationToken cancellationToken)
    {
        var fileName = ArchiveFileName(options);
        var namespaces = new ConcurrentBag<ManifestNamespace>();
        await using var file = new BackupFileWriter(folder, fileName, options.Gzip);
        using var writer = new ArchiveWriter(file.Stream);
        var serverVersion = await ServerVersionAsync(store, cancellationToken).ConfigureAwait(false);
        await writer.WritePreludeAsync(
            new ArchiveHeader(options.Parallel, ArchiveHeader.FormatVersion, serverVersion, $"ferry {FerryVersion()}"),
            plan.Select(ns => new ArchiveNamespaceEntry(ns.Database, ns.Collection, MetadataJson.Serialize(ns.Metadata), 0, ns.Metadata.Type)),
            cancellationToken).ConfigureAwait(false);

        await Parallel.ForEachAsync(plan, new ParallelOptions { MaxDegreeOfParallelism = options.Parallel, CancellationToken = cancellationToken }, async (ns, ct) =>
        {
            long documents = 0, bytes = 0;
            if (ns.Source is not null)
            {
                var batch = new List<ReadOnlyMemory<byte>>(options.BatchSize);
                await foreach (var document in ns.Source.ScanAsync(new ScanOptions { BatchSize = options.BatchSize, Filter = ns.Filter }, ct).ConfigureAwait(false))
                {
                    using (document)
                    {
                        var copy = RawDocumentBytes.Copy(document);
                        batch.Add(copy);
                        documents++;
                        bytes += copy.Length;
                    }

                    if (batch.Count >= options.BatchSize)
                    {
                        await writer.WriteSegmentAsync(ns.Database, ns.Collection, batch, ct).ConfigureAwait(false);
                        batch.Clear();
                        progress?.Report(new BackupProgress(ns.Namespace, documents, bytes, false));
                    }
                }

                await writer.WriteSegmentAsync(ns.Database, ns.Collection, batch, ct).ConfigureAwait(false);
                await writer.WriteEndOfNamespaceAsync(ns.Database, ns.Collection, ct).ConfigureAwait(false);
            }

            progress?.Report(new BackupProgress(ns.Namespace, documents, bytes, true));
            namespaces.Add(new ManifestNamespace(ns.Database, ns.Collection, documents, bytes) { DataFile = ns.Source is null ? null : fileName, Type = ns.Metadata.Type });
        }).ConfigureAwait(false);

        var entry = await file.CompleteAsync(namespaces.Sum(n => n.Documents), cancellationToken).ConfigureAwait(false);
        return ([entry], namespaces.ToList());
    }

    internal static string ArchiveFileName(BackupOptions options)
    {
        var name = options.ArchiveFileName ?? "dump.archive";
        if (name.Length == 0 || name != Path.GetFileName(name) || name.StartsWith('.') || name == FerryManifest.FileName)
        {
            throw new UserInputException($"--archive={name}: give a plain file name; the archive is written inside the backup folder");
        }

        return options.Gzip && !name.EndsWith(".gz", StringComparison.Ordinal) ? name + ".gz" : name;
    }

    private static async Task<string> ServerVersionAsync(IDocumentStore store, CancellationToken cancellationToken)
    {
        try
        {
            return (await store.GetServerInfoAsync(cancellationToken).ConfigureAwait(false)).Version;
        }
        catch (Exception e) when (e is NotSupportedException or NotImplementedException or InvalidOperationException)
        {
            return "unknown";
        }
    }

    internal static string FerryVersion() =>
        typeof(BackupCreator).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(BackupCreator).Assembly.GetName().Version?.ToString() ?? "0.0.0";

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover .tmp- folder is never listed; `ferry cleanup` may remove it later.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private sealed record PlannedNamespace(string Database, string Collection, CollectionMetadata Metadata, IDocumentCollection? Source)
    {
        /// <summary>Documents left out of the dump (the backup's own run in the journal); null for all.</summary>
        public BsonDocument? Filter { get; init; }

        public string Namespace => $"{Database}.{Collection}";
    }
}

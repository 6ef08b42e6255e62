using System.Collections.Concurrent;
using Ferry.Core.Backup.Formats;
using Ferry.Core.Backup.Oplog;
using Ferry.Core.Errors;
using Ferry.Core.Storage;

namespace Ferry.Core.Backup;

/// <summary>
/// Runs a restore: verifies a Ferry backup whole, opens the dump, selects and maps namespaces, refuses non-empty
/// targets (unless --drop/--upsert) before writing anything, then restores directory dumps collection by collection in parallel (each file
/// decompressed on its own task) or streams an archive once, dispatching its interleaved documents.
/// </summary>
internal sealed class RestoreRunner(TimeProvider time)
{
    public async Task<RestoreResult> RunAsync(string sourcePath, IDocumentStore store, RestoreOptions options, IProgress<BackupProgress>? progress, CancellationToken cancellationToken)
    {
        if (options.Parallel < 1)
        {
            throw new UserInputException($"--parallel {options.Parallel}: expected 1 or more");
        }

        var ferryBackup = FerryBackupFolderOf(sourcePath);
        DumpSource dump;
        try
        {
            dump = await DumpSource.OpenAsync(sourcePath, cancellationToken).ConfigureAwait(false);
        }
        catch (UserInputException) when (ferryBackup is not null)
        {
            // A damaged Ferry backup (manifest, metadata) is a failed check, exit 1 with the verifier's reason.
            await VerifyFerryBackupAsync(ferryBackup, cancellationToken).ConfigureAwait(false);
            throw;
        }

        var warnings = new List<string>(dump.Warnings);
        if (dump.OplogFile is not null && !options.OplogReplay)
        {
            warnings.Add($"{Path.GetFileName(dump.OplogFile)}: oplog skipped (pass --oplog-replay to apply it); the restore reflects the dump's start");
        }

        var selected = Select(dump, options);

        // After the cheap checks of the options (a typo fails at once), before anything is written.
        if (ferryBackup is not null)
        {
            await VerifyFerryBackupAsync(ferryBackup, cancellationToken).ConfigureAwait(false);
        }

        using var checkpoints = await RestoreCheckpoints.OpenAsync(options.BackupRoot, dump.Path, $"{store.DisplayUri}|{options.ToDatabase}", options.Resume, cancellationToken).ConfigureAwait(false);
        var existing = await ExistingCountsAsync(store, selected, cancellationToken).ConfigureAwait(false);
        if (options.Resume && await FinishedRestoreAsync(store, dump.Path, selected, existing, checkpoints, cancellationToken).ConfigureAwait(false) is { } finished)
        {
            // A resume after a late crash (the restore had finished): done, not a refusal, so a retrying script succeeds.
            return new RestoreResult(dump.Path, store.DisplayUri, options.DryRun, selected.Select(s => new RestoredNamespace(s.Source.Namespace, s.TargetNamespace) { Action = "complete", Expected = s.Source.ExpectedDocuments, TargetCount = existing.GetValueOrDefault(s.TargetNamespace) }).ToList(), [.. warnings, $"already complete: restore run {finished} finished; nothing was written"])
            {
                RunId = finished,
            };
        }

        Preflight(selected, existing, options, checkpoints);

        if (options.DryRun)
        {
            return new RestoreResult(dump.Path, store.DisplayUri, true, selected.Select(s => DryRunEntry(s, existing, options, checkpoints)).ToList(), warnings);
        }

        // The target databases' run locks, then the checks again under them: another run may have written meanwhile.
        var toLock = selected.Select(s => s.TargetDatabase).Where(d => !string.Equals(d, options.HeldLock?.Database, StringComparison.Ordinal));
        await using var locks = await Runs.RunLocks.AcquireAsync(store, toLock, "backup restore", options.Lock, cancellationToken).ConfigureAwait(false);
        if (options.HeldLock is not null)
        {
            await options.HeldLock.EnsureHeldAsync("the restore", cancellationToken).ConfigureAwait(false);
        }

        existing = await ExistingCountsAsync(store, selected, cancellationToken).ConfigureAwait(false);
        Preflight(selected, existing, options, checkpoints);

        // The restore's run, journaled in its first target database (a restore inside another run, a migration's
        // rollback, is that run's business). A resume continues the restore run it resumes.
        var journalDatabase = selected.Select(s => s.TargetDatabase).Order(StringComparer.Ordinal).First();
        await using var run = options.HeldLock is not null ? null : await StartRunAsync(store.GetDatabase(journalDatabase), dump.Path, store, selected, options, cancellationToken).ConfigureAwait(false);
        var work = run?.Token ?? cancellationToken;
        var journaled = run is null ? null : new JournaledBackupProgress(run, progress, selected.ToDictionary(s => s.TargetNamespace, s => s.Source.ExpectedDocuments ?? 0, StringComparer.Ordinal));
        progress = journaled ?? progress;

        var restorers = selected.ToDictionary(
            s => s.Source.Namespace,
            s => new NamespaceRestorer(s.Source, store.GetDatabase(s.TargetDatabase), s.Source.Collection, IsRunJournal(s) ? options with { Drop = false, Upsert = true } : options, checkpoints, progress),
            StringComparer.Ordinal);
        var done = new ConcurrentQueue<RestoredNamespace>();
        var current = string.Empty;
        try
        {
            foreach (var s in selected)
            {
                current = s.Source.Namespace;
                var exists = existing.ContainsKey(s.TargetNamespace) || (IsRunJournal(s) && s.TargetDatabase == journalDatabase && run is not null);
                await restorers[s.Source.Namespace].PrepareAsync(exists, work).ConfigureAwait(false);
            }

            var oplog = dump.OplogFile;
            if (dump.ArchiveFile is null)
            {
                await RestoreDirectoryAsync(selected, restorers, done, options, work).ConfigureAwait(false);
            }
            else
            {
                oplog = await RestoreArchiveAsync(dump, selected, restorers, done, warnings, options, work).ConfigureAwait(false);
            }

            if (oplog is not null && options.OplogReplay)
            {
                current = "oplog";
                var replayer = new OplogReplayer(store, ns => MapOplogNamespace(ns, selected, options));
                warnings.Add(await replayer.ReplayAsync(oplog, work).ConfigureAwait(false));
                if (oplog != dump.OplogFile)
                {
                    File.Delete(oplog);
                }
            }
        }
        catch (Exception) when (run is { StopRequested: true } && !cancellationToken.IsCancellationRequested)
        {
            // However the abandoned write surfaced (cancelled, or wrapped as the namespace's failure): it was the stop.
            throw await run.StoppedAsync("resume with the same ferry backup restore command and --resume (it continues after the last committed batch)").ConfigureAwait(false);
        }
        catch (Exception e) when (e is NamespaceFailure or BackupFormatException || e is not (OperationCanceledException or UserInputException))
        {
            var failed = e is NamespaceFailure nf ? nf.Namespace : current;
            var cause = e is NamespaceFailure { InnerException: { } inner } ? inner : e;
            var failure = new RestoreResult(dump.Path, store.DisplayUri, false, done.OrderBy(d => d.Source, StringComparer.Ordinal).ToList(), warnings)
            {
                Failure = new RestoreFailure(failed, done.Select(d => d.Target).Order(StringComparer.Ordinal).ToList(), cause.Message),
                RunId = run?.RunId,
            };
            if (run is not null)
            {
                await run.ErrorAsync(failure.Failure.Message, CancellationToken.None).ConfigureAwait(false);
                await run.CompleteAsync(Runs.RunStatus.Failed, failure.Failure.Message).ConfigureAwait(false);
            }

            return failure;
        }
        catch (Exception e) when (run is not null)
        {
            await run.FailedAsync(e).ConfigureAwait(false);
            throw;
        }

        warnings.AddRange(restorers.Values.SelectMany(r => r.Warnings));
        var result = new RestoreResult(dump.Path, store.DisplayUri, false, done.OrderBy(d => d.Source, StringComparer.Ordinal).ToList(), warnings) { RunId = run?.RunId };
        if (run is not null)
        {
            foreach (var n in result.Namespaces)
            {
                journaled!.Track(n.Target, n.Action.StartsWith("skip", StringComparison.Ordinal) ? n.Expected ?? n.Documents : n.Documents);
            }

            var problem = result.Namespaces.SelectMany(n => n.Problems).FirstOrDefault();
            await run.CompleteAsync(result.Ok ? Runs.RunStatus.Completed : Runs.RunStatus.Failed, problem).ConfigureAwait(false);
        }

        // Only once the run is recorded complete: a process killed between the two left a running restore without
        // checkpoints, whose --resume then refused the (fully restored) collections as non-empty (found by chaos).
        if (result.Ok)
        {
            checkpoints.Delete();
        }

        return result;
    }

    /// <summary>
    /// A run journal restored from a dump is merged by <c>_id</c>, never dropped nor refused as non-empty: the runs it
    /// holds are history, and the database's current journal (this restore's own run among them) must stay.
    /// </summary>
    private static bool IsRunJournal(SelectedNamespace s) => s.Source.Collection == Runs.RunJournal.CollectionName;

    /// <summary>
    /// With --resume and no checkpoint left: the run id of the newest restore of this dump into this store when it
    /// completed and every selected collection holds the documents the dump has; else null (the normal checks apply).
    /// </summary>
    private async Task<string?> FinishedRestoreAsync(IDocumentStore store, string dumpPath, List<SelectedNamespace> selected, Dictionary<string, long> existing, RestoreCheckpoints checkpoints, CancellationToken cancellationToken)
    {
        if (selected.Count == 0 || selected.Any(s => checkpoints.Get(s.TargetNamespace) is not null)
            || selected.Any(s => !IsRunJournal(s) && !s.Source.Metadata.IsView && (s.Source.ExpectedDocuments is not { } expected || existing.GetValueOrDefault(s.TargetNamespace) != expected)))
        {
            return null;
        }

        var target = Storage.UriRedactor.Redact(store.DisplayUri);
        var journalDatabase = store.GetDatabase(selected.Select(s => s.TargetDatabase).Order(StringComparer.Ordinal).First());
        MongoDB.Bson.BsonDocument? newest = null;
        await foreach (var earlier in new Runs.RunJournal(journalDatabase, time).ListAsync(cancellationToken).ConfigureAwait(false))
        {
            var recorded = earlier["spec"].AsBsonDocument;
            if (earlier["kind"] == "restore" && recorded.GetValue("source", "") == dumpPath && recorded.GetValue("target", "") == target)
            {
                newest = earlier;
            }
        }

        return newest is not null && newest["status"] == Runs.RunStatus.Completed ? newest["_id"].AsString : null;
    }

    /// <summary>The restore's run: resumed (with --resume) when an unfinished restore of the same dump into the same store is in the journal, else new.</summary>
    private async Task<Runs.JournaledRun> StartRunAsync(IDocumentDatabase journalDatabase, string dumpPath, IDocumentStore store, List<SelectedNamespace> selected, RestoreOptions options, CancellationToken cancellationToken)
    {
        var target = Storage.UriRedactor.Redact(store.DisplayUri);
        if (options.Resume)
        {
            string? unfinished = null;
            await foreach (var earlier in new Runs.RunJournal(journalDatabase, time).ListAsync(cancellationToken).ConfigureAwait(false))
            {
                var recorded = earlier["spec"].AsBsonDocument;
                if (earlier["kind"] == "restore" && earlier["status"] != Runs.RunStatus.Completed && recorded.GetValue("source", "") == dumpPath && recorded.GetValue("target", "") == target)
                {
                    unfinished = earlier["_id"].AsString;
                }
            }

            if (unfinished is not null)
            {
                return await Runs.JournaledRun.ResumeAsync(journalDatabase, unfinished, time, cancellationToken).ConfigureAwait(false);
            }
        }

        var spec = new MongoDB.Bson.BsonDocument
        {
            { "source", dumpPath },
            { "tag", (MongoDB.Bson.BsonValue?)options.Tag ?? MongoDB.Bson.BsonNull.Value },
            { "target", target },
            { "databases", new MongoDB.Bson.BsonArray(selected.Select(s => s.TargetDatabase).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)) },
            { "namespaces", selected.Count },
            { "drop", options.Drop },
            { "upsert", options.Upsert },
            { "oplog_replay", options.OplogReplay },
        };
        var run = await Runs.JournaledRun.StartAsync(journalDatabase, Runs.JournaledRun.NewId("restore", time), "restore", spec, time, cancellationToken).ConfigureAwait(false);
        if (options.Tag is not null)
        {
            await run.SetBackupTagAsync(options.Tag, cancellationToken).ConfigureAwait(false);
        }

        return run;
    }

    /// <summary>
    /// A Ferry backup (a folder with a manifest, or a file inside one) is verified whole — the manifest's own checksum
    /// and fields, every file's size and SHA-256, every document parsed, nothing unlisted — before anything is
    /// written, whatever the target, selection or mode: a corrupt file found half-way would leave a
    /// half-restored database, and a flipped byte inside a document would be restored silently. A plain mongodump
    /// has no checksums; it is only parsed as it is restored.
    /// </summary>
    private async Task VerifyFerryBackupAsync(string folder, CancellationToken cancellationToken)
    {
        var report = await new BackupVerifier(time).VerifyAsync(folder, Path.GetFileName(folder), cancellationToken).ConfigureAwait(false);
        if (!report.Ok)
        {
            var more = report.Problems.Count > 1 ? $" (and {report.Problems.Count - 1} more problem(s): ferry backup verify lists them)" : string.Empty;
            throw new OperationFailedException($"{folder}: the backup failed verification: {report.Problems[0]}{more}; nothing was written");
        }
    }

    /// <summary>The Ferry backup folder a restore source is or lies in (it holds a manifest); null for plain dumps.</summary>
    private static string? FerryBackupFolderOf(string sourcePath)
    {
        var full = Path.GetFullPath(sourcePath);
        var folder = Directory.Exists(full) ? full : File.Exists(full) ? Path.GetDirectoryName(full) : null;
        return folder is not null && File.Exists(Path.Combine(folder, FerryManifest.FileName)) ? folder : null;
    }

    private static async Task RestoreDirectoryAsync(
        List<SelectedNamespace> selected, Dictionary<string, NamespaceRestorer> restorers, ConcurrentQueue<RestoredNamespace> done, RestoreOptions options, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(selected, new ParallelOptions { MaxDegreeOfParallelism = options.Parallel, CancellationToken = cancellationToken }, async (s, ct) =>
        {
            var restorer = restorers[s.Source.Namespace];
            try
            {
                if (s.Source.DataFile is not null && !restorer.AlreadyDone)
                {
                    await using var stream = BackupStreams.OpenRead(s.Source.DataFile);
                    var reader = new BsonStreamReader(stream, s.Source.DataLabel ?? s.Source.DataFile);
                    while (await reader.ReadNextAsync(ct).ConfigureAwait(false) is { } document)
                    {
                        await restorer.AddAsync(document, ct).ConfigureAwait(false);
                    }
                }

                done.Enqueue(await restorer.CompleteAsync(ct).ConfigureAwait(false));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new NamespaceFailure(s.Source.Namespace, e);
            }
        }).ConfigureAwait(false);
    }

    /// <summary>Streams the archive once; returns a temporary file holding its oplog when --oplog-replay asks for it.</summary>
    private static async Task<string?> RestoreArchiveAsync(
        DumpSource dump, List<SelectedNamespace> selected, Dictionary<string, NamespaceRestorer> restorers, ConcurrentQueue<RestoredNamespace> done, List<string> warnings, RestoreOptions options, CancellationToken cancellationToken)
    {
        await using var stream = BackupStreams.OpenRead(dump.ArchiveFile!);
        var reader = await ArchiveReader.OpenAsync(stream, Path.GetFileName(dump.ArchiveFile!), cancellationToken: cancellationToken).ConfigureAwait(false);
        long oplogEntries = 0;
        string? oplogFile = null;
        FileStream? oplogSpill = null;
        var pending = new HashSet<string>(selected.Select(s => s.Source.Namespace), StringComparer.Ordinal);
        while (await reader.ReadNextAsync(cancellationToken).ConfigureAwait(false) is { } item)
        {
            if (NamespaceGuard.IsArchiveOplog(item.Database, item.Collection))
            {
                if (item.Document is not null)
                {
                    oplogEntries++;
                    if (options.OplogReplay)
                    {
                        oplogFile ??= Path.Combine(Path.GetTempPath(), $"ferry-oplog-{Guid.NewGuid():N}.bson");
                        oplogSpill ??= new FileStream(oplogFile, FileMode.CreateNew, FileAccess.Write);
                        await oplogSpill.WriteAsync(item.Document, cancellationToken).ConfigureAwait(false);
                    }
                }

                continue;
            }

            if (!restorers.TryGetValue(item.Namespace, out var restorer))
            {
                continue; // not selected (or not in the prelude): skipped like mongorestore's filters
            }

            try
            {
                if (item.IsEndOfNamespace)
                {
                    done.Enqueue(await restorer.CompleteAsync(cancellationToken).ConfigureAwait(false));
                    pending.Remove(item.Namespace);
                }
                else if (!restorer.AlreadyDone)
                {
                    await restorer.AddAsync(item.Document!, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new NamespaceFailure(item.Namespace, e);
            }
        }

        // Views, time-series collections and empty namespaces have no EOF block of their own.
        foreach (var ns in pending.Order(StringComparer.Ordinal))
        {
            done.Enqueue(await restorers[ns].CompleteAsync(cancellationToken).ConfigureAwait(false));
        }

        if (oplogSpill is not null)
        {
            await oplogSpill.DisposeAsync().ConfigureAwait(false);
        }

        if (oplogEntries > 0 && !options.OplogReplay)
        {
            warnings.Add($"archive oplog ({oplogEntries} entries) skipped (pass --oplog-replay to apply it)");
        }

        return oplogFile;
    }

    /// <summary>The target namespace of an oplog entry's namespace, or null when that namespace is not being restored.</summary>
    private static string? MapOplogNamespace(string ns, List<SelectedNamespace> selected, RestoreOptions options)
    {
        var dot = ns.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0)
        {
            return null;
        }

        var database = ns[..dot];
        var include = options.NsInclude.Select(p => new NamespacePattern(p)).ToList();
        var exclude = options.NsExclude.Select(p => new NamespacePattern(p)).ToList();
        var restored = selected.FirstOrDefault(s => s.Source.Database == database);
        if (restored is null || !NamespacePattern.Selects(ns, include, exclude))
        {
            return null;
        }

        return $"{restored.TargetDatabase}.{ns[(dot + 1)..]}";
    }

    private static List<SelectedNamespace> Select(DumpSource dump, RestoreOptions options)
    {
        var include = options.NsInclude.Select(p => new NamespacePattern(p)).ToList();
        var exclude = options.NsExclude.Select(p => new NamespacePattern(p)).ToList();
        var chosen = dump.Namespaces
            .Where(n => options.Database is null || n.Database == options.Database)
            .Where(n => NamespacePattern.Selects(n.Namespace, include, exclude))
            .Where(n => n.Collection is not ("system.indexes" or Runs.DatabaseRunLock.CollectionName))
            .ToList();
        if (chosen.Count == 0)
        {
            throw new UserInputException($"nothing to restore: {dump.Path} has no namespace matching the given --db/--ns-include/--ns-exclude (it has: {string.Join(", ", dump.Namespaces.Select(n => n.Namespace).Take(20))})");
        }

        if (options.ToDatabase is not null)
        {
            var databases = chosen.Select(n => n.Database).Distinct(StringComparer.Ordinal).ToList();
            if (databases.Count > 1)
            {
                throw new UserInputException($"--to-db {options.ToDatabase}: the dump has {databases.Count} databases ({string.Join(", ", databases)}); pick one with --db");
            }

            NamespaceGuard.Check(options.ToDatabase, "x", "--to-db", 0);
        }

        return chosen.Select(n => new SelectedNamespace(n, options.ToDatabase ?? n.Database)).ToList();
    }

    private static async Task<Dictionary<string, long>> ExistingCountsAsync(IDocumentStore store, List<SelectedNamespace> selected, CancellationToken cancellationToken)
    {
        var existing = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var group in selected.GroupBy(s => s.TargetDatabase, StringComparer.Ordinal))
        {
            var db = store.GetDatabase(group.Key);
            var collections = (await db.ListCollectionsAsync(cancellationToken).ConfigureAwait(false)).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var s in group.Where(s => collections.Contains(s.Source.Collection)))
            {
                existing[s.TargetNamespace] = s.Source.Metadata.IsView ? 0 : await db.GetCollection(s.Source.Collection).EstimatedCountAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return existing;
    }

    private static void Preflight(List<SelectedNamespace> selected, Dictionary<string, long> existing, RestoreOptions options, RestoreCheckpoints checkpoints)
    {
        if (options.Drop || options.Upsert)
        {
            return;
        }

        var blocked = selected
            .Where(s => !IsRunJournal(s) && existing.GetValueOrDefault(s.TargetNamespace) > 0 && !(options.Resume && checkpoints.Get(s.TargetNamespace) is not null))
            .Select(s => $"{s.TargetNamespace} ({existing[s.TargetNamespace]} documents)")
            .ToList();
        if (blocked.Count > 0)
        {
            throw new UserInputException($"refusing to restore into non-empty collection(s): {string.Join(", ", blocked)}; nothing was written (use --drop to replace them, or --upsert to merge)");
        }
    }

    private static RestoredNamespace DryRunEntry(SelectedNamespace s, Dictionary<string, long> existing, RestoreOptions options, RestoreCheckpoints checkpoints)
    {
        var exists = existing.TryGetValue(s.TargetNamespace, out var count);
        var checkpoint = options.Resume ? checkpoints.Get(s.TargetNamespace) : null;
        var action = checkpoint switch
        {
            { Done: true } => "skip (restored by the earlier run)",
            { } partial => $"resume after {partial.Committed}",
            _ when exists && options.Drop => "drop+create",
            _ when exists => options.Upsert ? "upsert" : "append",
            _ => "create",
        };
        return new RestoredNamespace(s.Source.Namespace, s.TargetNamespace)
        {
            Action = action,
            Expected = s.Source.ExpectedDocuments ?? (s.Source.DataFile is null ? 0 : null),
            TargetCount = exists ? count : null,
            IndexesCreated = s.Source.Metadata.IndexesToCreate().Count,
        };
    }

    private sealed record SelectedNamespace(DumpNamespace Source, string TargetDatabase)
    {
        public string TargetNamespace => $"{TargetDatabase}.{Source.Collection}";
    }

    private sealed class NamespaceFailure(string ns, Exception inner) : Exception(inner.Message, inner)
    {
        public string Namespace { get; } = ns;
    }
}

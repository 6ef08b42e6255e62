using Ferry.Core.Backup.Formats;
using Ferry.Core.Storage;
using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Core.Backup;

/// <summary>
/// Restores one namespace: (drop and) create the collection with its options, insert documents in unordered bulk
/// batches byte-for-byte (validation bypassed, as the data was valid when dumped), checkpoint after each batch,
/// create the indexes last and compare the target's count with the dump's.
/// </summary>
internal sealed class NamespaceRestorer(
    DumpNamespace source,
    IDocumentDatabase target,
    string targetCollection,
    RestoreOptions options,
    RestoreCheckpoints checkpoints,
    IProgress<BackupProgress>? progress)
{
    private readonly List<WriteRequest> _batch = new(options.BatchSize);
    private readonly List<string> _problems = [];
    private long _read;
    private long _skip;
    private long _committed;
    private long _failedWrites;
    private bool _upsertNextBatch;
    private string _action = "create";

    public string TargetNamespace => $"{target.Name}.{targetCollection}";

    /// <summary>Things skipped on purpose (a view or time-series collection the store cannot create).</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>True when an earlier run finished this namespace (resume): nothing to do.</summary>
    public bool AlreadyDone { get; private set; }

    public async Task PrepareAsync(bool exists, CancellationToken cancellationToken)
    {
        var checkpoint = options.Resume ? checkpoints.Get(TargetNamespace) : null;
        if (checkpoint is { Done: true })
        {
            AlreadyDone = true;
            _action = "skip (restored by the earlier run)";
            return;
        }

        if (checkpoint is { } partial)
        {
            // The batch after the checkpoint may have been written before the kill: replace rather than insert it.
            _skip = partial.Committed;
            _committed = partial.Committed;
            _upsertNextBatch = true;
            _action = $"resume after {partial.Committed}";
            return;
        }

        if (exists && options.Drop)
        {
            await target.DropCollectionAsync(targetCollection, cancellationToken).ConfigureAwait(false);
            exists = false;
            _action = "drop+create";
        }
        else if (exists)
        {
            _action = options.Upsert ? "upsert" : "append";
        }

        if (!exists)
        {
            await CreateAsync(cancellationToken).ConfigureAwait(false);
        }

        await checkpoints.SaveAsync(TargetNamespace, 0, false, cancellationToken).ConfigureAwait(false);
    }

    public async Task AddAsync(byte[] document, CancellationToken cancellationToken)
    {
        _read++;
        if (_read <= _skip)
        {
            return;
        }

        var raw = new RawBsonDocument(document);
        if (targetCollection == Runs.RunJournal.CollectionName && raw.TryGetValue("_id", out var runId))
        {
            // A run journal merges: a run the database's journal already has keeps its current record (the dump's
            // copy may show it still running), a run it lacks is added.
            var fields = raw.Materialize(new MongoDB.Bson.IO.BsonBinaryReaderSettings());
            fields.Remove("_id");
            _batch.Add(new UpdateRequest(new BsonDocument("_id", runId), new BsonDocument("$setOnInsert", fields), IsUpsert: true));
        }
        else
        {
            // Documents without _id (e.g. oplog entries) can only be inserted.
            _batch.Add((options.Upsert || _upsertNextBatch) && raw.TryGetValue("_id", out var id)
                ? new ReplaceRequest(new BsonDocument("_id", id), raw, IsUpsert: true)
                : new InsertRequest(raw));
        }

        if (_batch.Count >= options.BatchSize)
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<RestoredNamespace> CompleteAsync(CancellationToken cancellationToken)
    {
        if (AlreadyDone)
        {
            return new RestoredNamespace(source.Namespace, TargetNamespace) { Action = _action, Expected = source.ExpectedDocuments };
        }

        await FlushAsync(cancellationToken).ConfigureAwait(false);
        var indexes = 0;
        if (!source.Metadata.IsView)
        {
            indexes = await CreateIndexesAsync(cancellationToken).ConfigureAwait(false);
        }

        long? count = null;
        var expected = source.ExpectedDocuments ?? _read;
        if (!source.Metadata.IsView && !source.Metadata.IsTimeSeries)
        {
            count = await target.GetCollection(targetCollection).CountAsync(null, cancellationToken).ConfigureAwait(false);
            // The run journal merges (see AddAsync) and holds this restore's own run, so its count is never the dump's.
            var exact = targetCollection != Runs.RunJournal.CollectionName
                && (_action is "create" or "drop+create" || _action.StartsWith("resume", StringComparison.Ordinal));
            if (exact && count != expected)
            {
                _problems.Add($"{TargetNamespace} holds {count} documents after the restore, the dump has {expected}");
            }
        }

        if (source.ExpectedDocuments is { } manifestCount && manifestCount != _read)
        {
            _problems.Add($"{source.Namespace}: read {_read} documents from the dump, its manifest says {manifestCount}");
        }

        if (_failedWrites > 0)
        {
            _problems.Insert(0, $"{TargetNamespace}: {_failedWrites} document(s) were rejected by the store");
        }

        await checkpoints.SaveAsync(TargetNamespace, _committed, true, cancellationToken).ConfigureAwait(false);
        progress?.Report(new BackupProgress(TargetNamespace, _committed, 0, true));
        return new RestoredNamespace(source.Namespace, TargetNamespace)
        {
            Action = _action,
            Documents = _committed - _skip - _failedWrites,
            Expected = expected,
            TargetCount = count,
            IndexesCreated = indexes,
            FailedWrites = _failedWrites,
            Problems = _problems,
        };
    }

    /// <summary>Creates the dump's indexes (legacy specs converted); an index the store refuses is a problem of this
    /// namespace (the restore goes on), named with the store's reason.</summary>
    private async Task<int> CreateIndexesAsync(CancellationToken cancellationToken)
    {
        var specs = LegacyIndexSpecs.Convert(source.Metadata.IndexesToCreate(), TargetNamespace, Warnings);
        if (specs.Count == 0)
        {
            return 0;
        }

        var collection = target.GetCollection(targetCollection);
        try
        {
            return (await collection.CreateIndexesAsync(specs, cancellationToken).ConfigureAwait(false)).Count;
        }
        catch (MqlException)
        {
            var created = 0;
            foreach (var spec in specs)
            {
                try
                {
                    created += (await collection.CreateIndexesAsync([spec], cancellationToken).ConfigureAwait(false)).Count;
                }
                catch (MqlException e)
                {
                    _problems.Add($"{TargetNamespace}: index {spec.GetValue("name", "?")} not created: {e.Message} (code {e.Code})");
                }
            }

            return created;
        }
    }

    private async Task CreateAsync(CancellationToken cancellationToken)
    {
        var createOptions = source.Metadata.Options.DeepClone().AsBsonDocument;
        createOptions.Remove("flags"); // legacy storage flag of pre-3.0 dumps; no server accepts it on create
        try
        {
            await target.CreateCollectionAsync(targetCollection, createOptions.ElementCount == 0 ? null : createOptions, cancellationToken).ConfigureAwait(false);
        }
        catch (MqlException e) when (e.Code == ErrorCodes.NamespaceExists)
        {
            // e.g. system.buckets.X, created with its time-series collection
        }
        catch (MqlException e) when (source.Metadata.IsView || source.Metadata.IsTimeSeries)
        {
            Warnings.Add($"{TargetNamespace}: {(source.Metadata.IsView ? "view" : "time-series collection")} not created: {e.Message}");
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_batch.Count == 0)
        {
            return;
        }

        var collection = target.GetCollection(targetCollection);
        try
        {
            await collection.BulkWriteAsync(_batch, new BulkWriteOptions { IsOrdered = false, BypassDocumentValidation = true }, cancellationToken).ConfigureAwait(false);
        }
        catch (BulkWriteFailedException e)
        {
            // Like mongorestore, continue past rejected documents (duplicates, invalid); they are reported and fail the count check.
            _failedWrites += e.WriteErrors.Count;
            foreach (var error in e.WriteErrors.Take(Math.Max(0, 3 - _problems.Count)))
            {
                _problems.Add($"{TargetNamespace}: document {_committed + error.Index + 1}: {error.Message} (code {error.Code})");
            }
        }

        _committed += _batch.Count;
        _batch.Clear();
        _upsertNextBatch = false;
        await checkpoints.SaveAsync(TargetNamespace, _committed, false, cancellationToken).ConfigureAwait(false);
        progress?.Report(new BackupProgress(TargetNamespace, _committed, 0, false));
    }
}

using System.Diagnostics;
using System.Threading.Channels;
using Ferry.Core.Progress;
using Ferry.Core.Quarantine;
using Ferry.Core.Runs;
using Ferry.Core.Storage;
using Ferry.Core.Transform.Rules;
using MongoDB.Bson;

namespace Ferry.Core.Transform;

/// <summary>One target collection of a transform run: partitions in parallel, batches through transform and writes.</summary>
internal sealed class CollectionRun(
    IDocumentDatabase source,
    IDocumentDatabase target,
    CollectionMapping mapping,
    PasswordHashing hashing,
    TransformEngine.RunContext context,
    RunJournal journal,
    TransformOptions options,
    ReferenceResolver references,
    List<DryRunSample> samples)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly DocumentTransformer _transformer = new(mapping, new PasswordHasher(hashing, context.Secret), context.Now, options.Time);
    private readonly IdMap _idMap = new(target);
    private readonly QuarantineStore _quarantine = new(target, options.Time);
    private readonly Lock _progressLock = new();
    private long _processed;
    private long _written;
    private long _quarantined;
    private long _total;
    private long _lastJournalWrite;

    // 1 once the collection's completion (processed = total) has been reported: it is reported once, by whichever of
    // the last batch or the end of the collection comes first, so a progress view prints each collection once.
    private int _completionReported;
    private bool _stopped;

    /// <summary>
    /// New ids go to the id map only when some <c>map_id</c> refers to this collection: the map exists to re-point
    /// references, and new ids are a pure function of the source id (<see cref="DeterministicIds"/>), so a resume
    /// needs no map to write the same ids. Skipping it halves the writes of every unreferenced collection.
    /// </summary>
    private bool RecordsIdMap => mapping.Ids == IdStrategy.New && references.IsReferenced(mapping.Target);

    private string SourceNamespace => $"{source.Name}.{mapping.SourceCollection}";

    public async Task<(CollectionOutcome Outcome, bool Stopped)> RunAsync(CancellationToken cancellationToken)
    {
        var collection = source.GetCollection(mapping.SourceCollection);
        _total = await collection.CountAsync(mapping.Filter, cancellationToken).ConfigureAwait(false);
        var partitions = await PartitionsAsync(collection, cancellationToken).ConfigureAwait(false);
        if (!context.IsDryRun)
        {
            foreach (var parent in mapping.DependsOn)
            {
                await references.LoadAsync(parent, target, context.RunId, cancellationToken).ConfigureAwait(false);
            }
        }

        // Each partition starts on its own thread-pool work item: the embedded store's reads and writes often complete
        // synchronously, so calling RunPartitionAsync directly ran a small collection's partitions one after another
        // (the first to its end before the second started), leaving cores idle.
        await Task.WhenAll(partitions.Select((range, i) => Task.Run(() => RunPartitionAsync(collection, range, $"{mapping.Target}/{i}", cancellationToken), cancellationToken))).ConfigureAwait(false);

        var rate = _processed / Math.Max(_clock.Elapsed.TotalSeconds, 1e-3);
        if (Interlocked.Exchange(ref _completionReported, 1) == 0)
        {
            options.Progress?.Report(new ItemProgress(mapping.Target, _total, _total));
        }

        if (context.IsDryRun)
        {
            return (new CollectionOutcome(mapping.Target, mapping.SourceCollection, _processed, _written, _quarantined, rate), false);
        }

        // Exact totals from the stores: a resumed run re-processes at most one batch per partition, idempotently.
        var written = await target.GetCollection(mapping.Target).CountAsync(null, cancellationToken).ConfigureAwait(false);
        var quarantined = await _quarantine.CountAsync(context.RunId, mapping.SourceCollection, cancellationToken).ConfigureAwait(false);
        var progress = new CollectionProgress(written + quarantined, _total, written, quarantined);
        await journal.ProgressAsync(context.RunId, mapping.Target, progress, Metrics(), cancellationToken).ConfigureAwait(false);
        if (!_stopped)
        {
            await MarkDoneAsync(cancellationToken).ConfigureAwait(false);
        }

        return (new CollectionOutcome(mapping.Target, mapping.SourceCollection, written + quarantined, written, quarantined, rate), _stopped);
    }

    /// <summary>The partitions of this collection: recorded in the journal at first start, so a resume reads the same ranges.</summary>
    private async Task<IReadOnlyList<IdRange>> PartitionsAsync(IDocumentCollection collection, CancellationToken cancellationToken)
    {
        if (context.Collections.TryGetValue(mapping.Target, out var recorded) && recorded.AsBsonDocument.TryGetValue("partitions", out var stored))
        {
            return stored.AsBsonArray.Select(p => new IdRange(Nullable(p["min"]), Nullable(p["max"]))).ToList();
        }

        var ranges = await collection.SplitAsync(Math.Max(1, options.Partitions), cancellationToken).ConfigureAwait(false);
        if (!context.IsDryRun)
        {
            var doc = new BsonArray(ranges.Select(r => new BsonDocument { { "min", r.Min ?? BsonNull.Value }, { "max", r.Max ?? BsonNull.Value } }));
            await target.GetCollection(RunJournal.CollectionName).BulkWriteAsync(
                [new UpdateRequest(new BsonDocument("_id", context.RunId), new BsonDocument("$set", new BsonDocument("collections." + mapping.Target + ".partitions", doc)))],
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return ranges;
    }

    private static BsonValue? Nullable(BsonValue v) => v.IsBsonNull ? null : v;

    private async Task RunPartitionAsync(IDocumentCollection collection, IdRange range, string partitionKey, CancellationToken cancellationToken)
    {
        var after = context.Checkpoints.TryGetValue(partitionKey, out var checkpoint) ? checkpoint : null;
        var batches = Channel.CreateBounded<List<BsonDocument>>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var reader = ReadBatchesAsync(collection, range, after, batches.Writer, cancellationToken);
        await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            await ProcessBatchAsync(batch, partitionKey, cancellationToken).ConfigureAwait(false);
            if (!context.IsDryRun && await journal.IsStopRequestedAsync(context.RunId, cancellationToken).ConfigureAwait(false))
            {
                _stopped = true;
                break;
            }
        }

        batches.Writer.TryComplete();
        try
        {
            await reader.ConfigureAwait(false);
        }
        catch (ChannelClosedException) when (_stopped)
        {
        }
    }

    private async Task ReadBatchesAsync(IDocumentCollection collection, IdRange range, BsonValue? after, ChannelWriter<List<BsonDocument>> writer, CancellationToken cancellationToken)
    {
        try
        {
            var scan = new ScanOptions { Filter = mapping.Filter, Partition = range, AfterId = after, BatchSize = options.BatchSize };
            var batch = new List<BsonDocument>(options.BatchSize);
            await foreach (var raw in collection.ScanAsync(scan, cancellationToken).ConfigureAwait(false))
            {
                // Source documents stay raw: the transformer reads only the fields its rules name, and unlisted
                // fields are copied as raw bytes. They are read-only and never disposed here: quarantine entries and
                // dry-run samples keep them, and the garbage collector reclaims their buffers.
                batch.Add(raw);

                if (batch.Count == options.BatchSize)
                {
                    await writer.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
                    batch = new List<BsonDocument>(options.BatchSize);
                }
            }

            if (batch.Count > 0)
            {
                await writer.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
            }

            writer.TryComplete();
        }
        catch (Exception e)
        {
            writer.TryComplete(e);
            if (e is not ChannelClosedException)
            {
                throw;
            }
        }
    }

    private async Task ProcessBatchAsync(List<BsonDocument> batch, string partitionKey, CancellationToken cancellationToken)
    {
        var batchClock = System.Diagnostics.Stopwatch.StartNew();
        var outcomes = new TransformOutcome[batch.Count];
        if (mapping.Fields.Any(f => f.Apply.Contains(ValueFunction.HashPassword)))
        {
            Parallel.For(0, batch.Count, new ParallelOptions { MaxDegreeOfParallelism = options.HashParallelism, CancellationToken = cancellationToken },
                i => outcomes[i] = _transformer.Transform(batch[i], references));
        }
        else
        {
            for (var i = 0; i < batch.Count; i++)
            {
                outcomes[i] = _transformer.Transform(batch[i], references);
            }
        }

        var good = outcomes.Where(o => o.Target is not null).ToList();
        var bad = outcomes.Where(o => o.Target is null).ToList();
        if (context.IsDryRun)
        {
            RecordDryRun(good, outcomes);
        }
        else
        {
            if (RecordsIdMap)
            {
                await _idMap.RecordAsync(mapping.Target, good.Select(o => (o.SourceId, o.Target!["_id"])).ToList(), context.RunId, cancellationToken).ConfigureAwait(false);
            }

            var refused = await target.GetCollection(mapping.Target).InsertOrReplaceAsync(good.Select(o => o.Target!).ToList(), cancellationToken).ConfigureAwait(false);
            if (refused.Count > 0)
            {
                // The target refused these (a unique index, its validator): quarantined with the store's reason, and
                // their id-map entries, written first, removed so no child points at a document that does not exist.
                var refusedOutcomes = refused.Select(r => good[r.Index]).ToList();
                if (RecordsIdMap)
                {
                    await _idMap.ForgetAsync(mapping.Target, refusedOutcomes.Select(o => o.SourceId), cancellationToken).ConfigureAwait(false);
                }

                bad.AddRange(refused.Select(r => good[r.Index] with { Target = null, Failure = "the target refused it: " + r.Reason }));
                var refusedSet = refusedOutcomes.ToHashSet(ReferenceEqualityComparer.Instance);
                good = good.Where(o => !refusedSet.Contains(o)).ToList();
            }

            await _quarantine.PutAsync(context.RunId, mapping.SourceCollection, bad.Select(o => (o.Source, o.Failure!)).ToList(), SourceNamespace, cancellationToken).ConfigureAwait(false);
            await journal.CheckpointAsync(context.RunId, partitionKey, batch[^1]["_id"], cancellationToken).ConfigureAwait(false);
            journal.BatchCompleted(context.RunId, mapping.Target, batchClock.Elapsed);
        }

        Interlocked.Add(ref _processed, batch.Count);
        Interlocked.Add(ref _written, good.Count);
        Interlocked.Add(ref _quarantined, bad.Count);
        await ReportAsync(cancellationToken).ConfigureAwait(false);
    }

    private void RecordDryRun(List<TransformOutcome> good, TransformOutcome[] outcomes)
    {
        lock (_progressLock)
        {
            foreach (var o in good)
            {
                references.Add(mapping.Target, o.SourceId, o.Target!["_id"]);
            }

            foreach (var o in outcomes)
            {
                if (samples.Count(s => s.Collection == mapping.Target) >= options.DryRunSamples)
                {
                    break;
                }

                samples.Add(new DryRunSample(mapping.Target, o.Source, o.Target, o.Failure));
            }
        }
    }

    private async Task ReportAsync(CancellationToken cancellationToken)
    {
        var processed = Interlocked.Read(ref _processed);
        if (processed < _total || Interlocked.Exchange(ref _completionReported, 1) == 0)
        {
            options.Progress?.Report(new ItemProgress(mapping.Target, processed, _total));
        }

        if (context.IsDryRun)
        {
            return;
        }

        // Throttled: the journal is written about once a second, not per batch.
        var now = _clock.ElapsedMilliseconds;
        var last = Interlocked.Read(ref _lastJournalWrite);
        if (now - last < 1000 || Interlocked.CompareExchange(ref _lastJournalWrite, now, last) != last)
        {
            return;
        }

        var progress = new CollectionProgress(Interlocked.Read(ref _processed), _total, Interlocked.Read(ref _written), Interlocked.Read(ref _quarantined));
        await journal.ProgressAsync(context.RunId, mapping.Target, progress, Metrics(), cancellationToken).ConfigureAwait(false);
    }

    private BsonDocument Metrics()
    {
        var processed = Interlocked.Read(ref _processed);
        return new BsonDocument
        {
            { "collection", mapping.Target },
            { "documents_per_second", Math.Round(processed / Math.Max(_clock.Elapsed.TotalSeconds, 1e-3), 1) },
            { "error_rate", processed == 0 ? 0.0 : Math.Round((double)Interlocked.Read(ref _quarantined) / processed, 6) },
            { "memory_bytes", GC.GetTotalMemory(false) },
            { "working_set_bytes", Environment.WorkingSet },
        };
    }

    private Task MarkDoneAsync(CancellationToken cancellationToken) =>
        target.GetCollection(RunJournal.CollectionName).BulkWriteAsync(
            [new UpdateRequest(new BsonDocument("_id", context.RunId), new BsonDocument("$set", new BsonDocument("collections." + mapping.Target + ".done", true)))],
            cancellationToken: cancellationToken);
}

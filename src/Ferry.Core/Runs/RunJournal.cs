using Ferry.Core.Errors;
using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Core.Runs;

/// <summary>
/// The run journal: one document per run in <c>_ferry_runs</c> (the guide's <c>migration_progress</c>) holding status,
/// per-collection progress, checkpoints (last committed source <c>_id</c> per collection partition), bounded errors,
/// metrics, the backup tag and the emergency-stop flag. Writers call it per batch; it throttles progress writes.
/// Every public read returns the <see cref="RunRedaction"/> view (no salt key, redacted URIs); only the engine reads
/// the secrets back, through <see cref="ReadWithSecretsAsync"/>, to resume a run.
/// </summary>
public sealed class RunJournal(IDocumentDatabase database, TimeProvider? time = null)
{
    public const string CollectionName = "_ferry_runs";
    public const int MaxStoredErrors = 100;

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    // Per-run totals and sampling of the runs this instance started or resumed; events of other runs carry zeros.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, RunSampler> _samplers = new(StringComparer.Ordinal);

    private IDocumentCollection Runs => database.GetCollection(CollectionName);

    /// <summary>Starts a run; <paramref name="spec"/> records what it does (rules checksum, source, target, options).</summary>
    public async Task<BsonDocument> StartAsync(string runId, string kind, BsonDocument spec, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var run = new BsonDocument
        {
            { "_id", runId },
            { "kind", kind },
            { "status", RunStatus.Running },
            { "started_at", now },
            { "ended_at", BsonNull.Value },
            { "duration_ms", BsonNull.Value },
            { "spec", spec },
            { "collections", new BsonDocument() },
            { "checkpoints", new BsonDocument() },
            { "errors", new BsonArray() },
            { "error_count", 0L },
            { "metrics", new BsonDocument() },
            { "backup_tag", BsonNull.Value },
            { "stop_requested", false },
            { "host", Environment.MachineName },
            { "attempts", new BsonArray { now } },
            { "samples", new BsonArray() },
            { "alerts", new BsonArray() },
            { "parent_run_id", RunScope.CurrentParent is { } parent ? parent : BsonNull.Value },
        };
        await Runs.BulkWriteAsync([new InsertRequest(run)], cancellationToken: cancellationToken).ConfigureAwait(false);
        _samplers[runId] = new RunSampler(kind, now);
        Publish(RunEventTypes.Started, runId);
        return RunRedaction.Redact(run);
    }

    /// <summary>
    /// Marks a stopped or killed run as running again (a resume), keeping its checkpoints; returns the redacted run as
    /// it was before (read its secrets with <see cref="ReadWithSecretsAsync"/>).
    /// </summary>
    public async Task<BsonDocument> ResumeAsync(string runId, CancellationToken cancellationToken = default)
    {
        var run = await GetAsync(runId, cancellationToken).ConfigureAwait(false)
            ?? throw new UserInputException($"--resume {runId}: no such run in {database.Name}.{CollectionName}");
        if (run["status"].AsString == RunStatus.Completed)
        {
            throw new UserInputException($"--resume {runId}: the run already completed");
        }

        await UpdateAsync(runId, new BsonDocument
        {
            { "$set", new BsonDocument { { "status", RunStatus.Running }, { "stop_requested", false }, { "ended_at", BsonNull.Value } } },
            { "$push", new BsonDocument("attempts", _time.GetUtcNow().UtcDateTime) },
        }, cancellationToken).ConfigureAwait(false);
        var sampler = _samplers[runId] = new RunSampler(run["kind"].AsString, _time.GetUtcNow().UtcDateTime) { Errors = run.GetValue("error_count", 0L).ToInt64() };
        foreach (var collection in run["collections"].AsBsonDocument)
        {
            if (collection.Value is BsonDocument c)
            {
                sampler.Update(collection.Name, new CollectionProgress(
                    c.GetValue("processed", 0L).ToInt64(), c.GetValue("total", 0L).ToInt64(), c.GetValue("written", 0L).ToInt64(), c.GetValue("quarantined", 0L).ToInt64()));
            }
        }

        Publish(RunEventTypes.Resumed, runId);
        return run;
    }

    /// <summary>One run, redacted (safe to print), or null when there is no such run.</summary>
    public async Task<BsonDocument?> GetAsync(string runId, CancellationToken cancellationToken = default) =>
        await ReadWithSecretsAsync(runId, cancellationToken).ConfigureAwait(false) is { } run ? RunRedaction.Redact(run) : null;

    /// <summary>Runs, oldest first, redacted (safe to print).</summary>
    public async IAsyncEnumerable<BsonDocument> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var sort = new FindOptions { Sort = new BsonDocument { { "started_at", 1 }, { "_id", 1 } } };
        await foreach (var run in Runs.FindAsync(new BsonDocument(), sort, cancellationToken).ConfigureAwait(false))
        {
            yield return RunRedaction.Redact(run);
        }
    }

    /// <summary>
    /// The stored run with its secrets (the hashing salt key), for the engine resuming it and nothing else: never
    /// display or log this document.
    /// </summary>
    internal Task<BsonDocument?> ReadWithSecretsAsync(string runId, CancellationToken cancellationToken = default) =>
        Runs.FindOneAsync(new BsonDocument("_id", runId), null, cancellationToken);

    /// <summary>
    /// Records a collection's progress (callers throttle this to about once a second per collection) and, when it is
    /// due, a sample of the run's totals for the report's throughput chart.
    /// </summary>
    public async Task ProgressAsync(string runId, string collection, CollectionProgress progress, BsonDocument metrics, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var update = new BsonDocument("$set", new BsonDocument(
            progress.ToBson(now).Select(e => new BsonElement($"collections.{collection}.{e.Name}", e.Value)))
        {
            { "metrics", metrics },
        });
        BsonDocument? sample = null;
        if (_samplers.TryGetValue(runId, out var sampler))
        {
            lock (sampler)
            {
                sampler.Update(collection, progress);
                sample = sampler.TakeSample(now);
            }
        }

        if (sample is not null)
        {
            update["$push"] = new BsonDocument("samples", new BsonDocument { { "$each", new BsonArray { sample } }, { "$slice", -RunSampler.MaxSamples } });
        }

        await UpdateAsync(runId, update, cancellationToken).ConfigureAwait(false);
        Publish(RunEventTypes.Progress, runId, collection: collection, counts: progress);
    }

    /// <summary>Records the last source <c>_id</c> committed for a partition. Call only after the batch is durable.</summary>
    public Task CheckpointAsync(string runId, string partitionKey, BsonValue lastId, CancellationToken cancellationToken = default) =>
        UpdateAsync(runId, new BsonDocument("$set", new BsonDocument("checkpoints." + partitionKey, lastId)), cancellationToken);

    /// <summary>Records an error (its <c>message</c> redacted: error texts quote connection strings).</summary>
    public async Task ErrorAsync(string runId, BsonDocument error, CancellationToken cancellationToken = default)
    {
        var stored = error.DeepClone().AsBsonDocument;
        if (stored.TryGetValue("message", out var message) && message is BsonString text)
        {
            stored["message"] = UriRedactor.RedactText(text.Value);
        }

        await UpdateAsync(runId, new BsonDocument
        {
            { "$push", new BsonDocument("errors", new BsonDocument { { "$each", new BsonArray { stored } }, { "$slice", -MaxStoredErrors } }) },
            { "$inc", new BsonDocument("error_count", 1L) },
        }, cancellationToken).ConfigureAwait(false);
        if (_samplers.TryGetValue(runId, out var sampler))
        {
            lock (sampler)
            {
                sampler.Errors++;
            }
        }

        Publish(RunEventTypes.Error, runId, message: stored.GetValue("message", BsonNull.Value) is BsonString m ? m.Value : null);
    }

    /// <summary>
    /// Tells observers a batch of <paramref name="collection"/> was committed and how long it took (the metrics'
    /// batch latency histogram); nothing is written.
    /// </summary>
    public void BatchCompleted(string runId, string collection, TimeSpan duration) =>
        Publish(RunEventTypes.Batch, runId, collection: collection, batchDuration: duration);

    /// <summary>Records an alert that fired during the run (in <c>alerts</c>, bounded) and tells the observers.</summary>
    public async Task AlertAsync(string runId, string alert, string description, CancellationToken cancellationToken = default)
    {
        var entry = new BsonDocument { { "alert", alert }, { "at", _time.GetUtcNow().UtcDateTime }, { "description", UriRedactor.RedactText(description) } };
        await UpdateAsync(runId, new BsonDocument("$push", new BsonDocument("alerts", new BsonDocument { { "$each", new BsonArray { entry } }, { "$slice", -MaxStoredErrors } })), cancellationToken).ConfigureAwait(false);
        Publish(RunEventTypes.AlertFired, runId, message: $"{alert}: {entry["description"].AsString}");
    }

    /// <summary>
    /// Sets fields of the run document that belong to the verb running it (a plan's <c>steps</c>, a migration's
    /// versions, a restore's backup); the journal's own fields cannot be set this way.
    /// </summary>
    public Task SetAsync(string runId, BsonDocument fields, CancellationToken cancellationToken = default)
    {
        foreach (var name in fields.Names)
        {
            var root = name.Split('.')[0];
            if (root is "_id" or "kind" or "status" or "started_at" or "ended_at" or "duration_ms" or "checkpoints" or "errors" or "error_count" or "stop_requested" or "attempts" or "samples" or "alerts" or "parent_run_id")
            {
                throw new ArgumentException($"{name} is the journal's own field", nameof(fields));
            }
        }

        return UpdateAsync(runId, new BsonDocument("$set", fields), cancellationToken);
    }

    public Task SetBackupTagAsync(string runId, string tag, CancellationToken cancellationToken = default) =>
        UpdateAsync(runId, new BsonDocument("$set", new BsonDocument("backup_tag", tag)), cancellationToken);

    /// <summary>The emergency stop: workers finish their current batch and end the run as stopped.</summary>
    public async Task RequestStopAsync(string runId, CancellationToken cancellationToken = default)
    {
        _ = await GetAsync(runId, cancellationToken).ConfigureAwait(false) ?? throw new UserInputException($"no run {runId} in {database.Name}.{CollectionName}");
        await UpdateAsync(runId, new BsonDocument("$set", new BsonDocument("stop_requested", true)), cancellationToken).ConfigureAwait(false);
        Publish(RunEventTypes.StopRequested, runId);
    }

    public async Task<bool> IsStopRequestedAsync(string runId, CancellationToken cancellationToken = default) =>
        (await Runs.FindOneAsync(new BsonDocument("_id", runId), new FindOptions { Projection = new BsonDocument("stop_requested", 1) }, cancellationToken).ConfigureAwait(false))
            ?.GetValue("stop_requested", false).ToBoolean() ?? false;

    /// <summary>
    /// Ends the run with <paramref name="status"/> (a <see cref="RunStatus"/>) and, for a run that did not complete,
    /// the reason in one line (<c>status_reason</c>: what crossed which threshold, what failed).
    /// </summary>
    public async Task FinishAsync(string runId, string status, string? reason = null, CancellationToken cancellationToken = default)
    {
        var run = await GetAsync(runId, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow().UtcDateTime;
        var started = run?["started_at"].ToUniversalTime() ?? now;
        var set = new BsonDocument
        {
            { "status", status },
            { "ended_at", now },
            { "duration_ms", (long)(now - started).TotalMilliseconds },
        };
        if (reason is not null)
        {
            set["status_reason"] = UriRedactor.RedactText(reason);
        }

        var update = new BsonDocument("$set", set);
        if (_samplers.TryGetValue(runId, out var sampler))
        {
            BsonDocument? sample;
            lock (sampler)
            {
                sample = sampler.TakeSample(now, force: true);
            }

            update["$push"] = new BsonDocument("samples", new BsonDocument { { "$each", new BsonArray { sample } }, { "$slice", -RunSampler.MaxSamples } });
        }

        await UpdateAsync(runId, update, cancellationToken).ConfigureAwait(false);
        Publish(RunEventTypes.Finished, runId, status: status, message: reason is null ? null : UriRedactor.RedactText(reason), kind: run?["kind"].AsString);
        _samplers.TryRemove(runId, out _);
    }

    private Task UpdateAsync(string runId, BsonDocument update, CancellationToken cancellationToken) =>
        Runs.BulkWriteAsync([new UpdateRequest(new BsonDocument("_id", runId), update)], cancellationToken: cancellationToken);

    private void Publish(string type, string runId, string? collection = null, string? status = null, string? message = null, string? kind = null, CollectionProgress? counts = null, TimeSpan? batchDuration = null)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var runEvent = new RunEvent(type, runId, kind ?? "unknown", database.Name, now)
        {
            Collection = collection,
            ParentRunId = RunScope.CurrentParent,
            Status = status,
            Message = message,
            CollectionCounts = counts,
            BatchDuration = batchDuration,
            Journal = this,
        };
        if (_samplers.TryGetValue(runId, out var sampler))
        {
            lock (sampler)
            {
                runEvent = runEvent with
                {
                    Kind = sampler.Kind,
                    Processed = sampler.Processed,
                    Total = sampler.Total,
                    Written = sampler.Written,
                    Quarantined = sampler.Quarantined,
                    Errors = sampler.Errors,
                    DocumentsPerSecond = Math.Round(sampler.DocumentsPerSecond(now), 1),
                };
            }
        }

        RunEvents.Publish(runEvent);
    }
}

/// <summary>Progress of one collection of a run.</summary>
public sealed record CollectionProgress(long Processed, long Total, long Written, long Quarantined)
{
    public BsonDocument ToBson(DateTime now) => new()
    {
        { "processed", Processed },
        { "total", Total },
        { "percentage", Total > 0 ? Math.Round(100.0 * Processed / Total, 2) : 100.0 },
        { "written", Written },
        { "quarantined", Quarantined },
        { "last_updated", now },
    };
}

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
        };
        await Runs.BulkWriteAsync([new InsertRequest(run)], cancellationToken: cancellationToken).ConfigureAwait(false);
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

    public Task ProgressAsync(string runId, string collection, CollectionProgress progress, BsonDocument metrics, CancellationToken cancellationToken = default) =>
        UpdateAsync(runId, new BsonDocument("$set", new BsonDocument(
            progress.ToBson(_time.GetUtcNow().UtcDateTime).Select(e => new BsonElement($"collections.{collection}.{e.Name}", e.Value)))
        {
            { "metrics", metrics },
        }), cancellationToken);

    /// <summary>Records the last source <c>_id</c> committed for a partition. Call only after the batch is durable.</summary>
    public Task CheckpointAsync(string runId, string partitionKey, BsonValue lastId, CancellationToken cancellationToken = default) =>
        UpdateAsync(runId, new BsonDocument("$set", new BsonDocument("checkpoints." + partitionKey, lastId)), cancellationToken);

    public Task ErrorAsync(string runId, BsonDocument error, CancellationToken cancellationToken = default) =>
        UpdateAsync(runId, new BsonDocument
        {
            { "$push", new BsonDocument("errors", new BsonDocument { { "$each", new BsonArray { error } }, { "$slice", -MaxStoredErrors } }) },
            { "$inc", new BsonDocument("error_count", 1L) },
        }, cancellationToken);

    public Task SetBackupTagAsync(string runId, string tag, CancellationToken cancellationToken = default) =>
        UpdateAsync(runId, new BsonDocument("$set", new BsonDocument("backup_tag", tag)), cancellationToken);

    /// <summary>The emergency stop: workers finish their current batch and end the run as stopped.</summary>
    public async Task RequestStopAsync(string runId, CancellationToken cancellationToken = default)
    {
        _ = await GetAsync(runId, cancellationToken).ConfigureAwait(false) ?? throw new UserInputException($"no run {runId} in {database.Name}.{CollectionName}");
        await UpdateAsync(runId, new BsonDocument("$set", new BsonDocument("stop_requested", true)), cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> IsStopRequestedAsync(string runId, CancellationToken cancellationToken = default) =>
        (await Runs.FindOneAsync(new BsonDocument("_id", runId), new FindOptions { Projection = new BsonDocument("stop_requested", 1) }, cancellationToken).ConfigureAwait(false))
            ?.GetValue("stop_requested", false).ToBoolean() ?? false;

    public async Task FinishAsync(string runId, string status, CancellationToken cancellationToken = default)
    {
        var run = await GetAsync(runId, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow().UtcDateTime;
        var started = run?["started_at"].ToUniversalTime() ?? now;
        await UpdateAsync(runId, new BsonDocument("$set", new BsonDocument
        {
            { "status", status },
            { "ended_at", now },
            { "duration_ms", (long)(now - started).TotalMilliseconds },
        }), cancellationToken).ConfigureAwait(false);
    }

    private Task UpdateAsync(string runId, BsonDocument update, CancellationToken cancellationToken) =>
        Runs.BulkWriteAsync([new UpdateRequest(new BsonDocument("_id", runId), update)], cancellationToken: cancellationToken);
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

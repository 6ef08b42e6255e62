using System.Globalization;
using Ferry.Core.Errors;
using Ferry.Core.Storage;
using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Core.Runs;

/// <summary>
/// The run lock of one database: every run that changes a database (transform, migrate, doctor --fix, restores,
/// import, demo remove) holds it, so two runs never write the same database at once. It is a single document
/// (<c>_id: "run"</c>) in <c>_ferry_lock</c>, taken atomically by inserting it — the unique <c>_id</c> makes a second
/// insert fail with a duplicate key, so two runs can never both hold it (no check-then-insert). The holder renews its
/// lease every third of the lease (a heartbeat); a lock whose lease has passed (its holder died) is taken over with
/// one atomic find-and-update filtered on the expiry, so of two runs racing for a stale lock exactly one wins.
/// Expiry uses the runs' clocks: keep hosts' clocks in sync, or use <c>--force-unlock</c>.
/// </summary>
public sealed class DatabaseRunLock : IAsyncDisposable
{
    public const string CollectionName = "_ferry_lock";
    public const string LockId = "run";

    /// <summary>The lock a plan run holds on its database for its whole run (its steps take <see cref="LockId"/> as they go).</summary>
    public const string PlanLockId = "plan";

    private readonly IDocumentCollection _collection;
    private readonly string _lockId;
    private readonly RunLockOptions _options;
    private readonly ITimer _heartbeat;
    private readonly CancellationTokenSource _lost = new();
    private readonly Lock _gate = new();
    private Task _renewal = Task.CompletedTask;
    private bool _released;

    private DatabaseRunLock(IDocumentCollection collection, string lockId, string database, RunLockOptions options, string owner, string? notice)
    {
        _collection = collection;
        _lockId = lockId;
        _options = options;
        Database = database;
        Owner = owner;
        Notice = notice;
        var period = options.Lease / 3;
        _heartbeat = options.Time.CreateTimer(_ => Beat(), null, period, period);
    }

    public string Database { get; }

    /// <summary>This holder's token (unique per acquisition; a release deletes only its own lock).</summary>
    public string Owner { get; }

    /// <summary>Set when a stale lock was taken over, or a lock removed with --force-unlock: whose it was.</summary>
    public string? Notice { get; }

    /// <summary>Cancelled when a heartbeat finds the lock is no longer this run's (it expired and was taken over).</summary>
    public CancellationToken Lost => _lost.Token;

    /// <summary>
    /// Takes the lock of <paramref name="database"/> for a <paramref name="verb"/> run (<paramref name="runId"/>, when
    /// the run has one), or throws <see cref="DatabaseLockedException"/> naming who holds it — at once, or after
    /// <see cref="RunLockOptions.Wait"/>. Call before writing anything, the run journal included.
    /// </summary>
    public static Task<DatabaseRunLock> AcquireAsync(IDocumentDatabase database, string verb, string? runId, RunLockOptions options, CancellationToken cancellationToken = default) =>
        AcquireAsync(database, LockId, verb, runId, options, cancellationToken);

    /// <summary>
    /// Takes the lock named <paramref name="lockId"/> (a document of its own in <c>_ferry_lock</c>, with the same lease,
    /// heartbeat, take-over and force-unlock as the run lock): <see cref="PlanLockId"/> keeps two plan runs off one
    /// database while each plan step still takes the run lock.
    /// </summary>
    public static async Task<DatabaseRunLock> AcquireAsync(IDocumentDatabase database, string lockId, string verb, string? runId, RunLockOptions options, CancellationToken cancellationToken = default)
    {
        var collection = database.GetCollection(CollectionName);
        var owner = Guid.NewGuid().ToString("N");
        var notice = options.ForceUnlock && await ForceUnlockAsync(database, lockId, cancellationToken).ConfigureAwait(false) is { } removed
            ? $"removed the lock of {database.Name} held by {removed} (--force-unlock)"
            : null;
        var waitStarted = options.Time.GetUtcNow();
        while (true)
        {
            var now = options.Time.GetUtcNow();
            var document = LockDocument(lockId, owner, verb, runId, options, now);
            try
            {
                await collection.BulkWriteAsync([new InsertRequest(document)], new BulkWriteOptions { IsOrdered = true }, cancellationToken).ConfigureAwait(false);
                return new DatabaseRunLock(collection, lockId, database.Name, options, owner, notice);
            }
            catch (MqlException e) when (IsDuplicateKey(e))
            {
                // Held by someone: take it over only if its lease has passed, atomically.
                var stale = await collection.FindOneAndUpdateAsync(
                    new BsonDocument { { "_id", lockId }, { "expiresAt", new BsonDocument("$lt", new BsonDateTime(now.UtcDateTime)) } },
                    new BsonDocument("$set", Without(document, "_id")),
                    new FindOneAndModifyOptions { ReturnDocument = ReturnDocument.Before },
                    cancellationToken).ConfigureAwait(false);
                if (stale is not null)
                {
                    return new DatabaseRunLock(collection, lockId, database.Name, options, owner, $"took over the stale lock of {database.Name} held by {Describe(stale)}");
                }

                var holder = await collection.FindOneAsync(new BsonDocument("_id", lockId), null, cancellationToken).ConfigureAwait(false);
                if (holder is null)
                {
                    continue; // released between the insert and the look: try again
                }

                var waited = options.Time.GetUtcNow() - waitStarted;
                if (options.Wait is not { } wait || (wait != Timeout.InfiniteTimeSpan && waited >= wait))
                {
                    throw new DatabaseLockedException(database.Name, Describe(holder), options.Wait is null ? null : waited);
                }

                await Task.Delay(options.PollInterval, options.Time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Removes the lock whoever holds it, returning a description of the holder (null when there was none).
    /// For a lock left by a process that is known to be gone; a live holder would go on unprotected.</summary>
    public static Task<string?> ForceUnlockAsync(IDocumentDatabase database, CancellationToken cancellationToken = default) =>
        ForceUnlockAsync(database, LockId, cancellationToken);

    private static async Task<string?> ForceUnlockAsync(IDocumentDatabase database, string lockId, CancellationToken cancellationToken)
    {
        var collection = database.GetCollection(CollectionName);
        var removed = await collection.FindOneAndDeleteAsync(new BsonDocument("_id", lockId), null, cancellationToken).ConfigureAwait(false);
        return removed is null ? null : Describe(removed);
    }

    /// <summary>The current holder of a database's lock, described, or null when it is free.</summary>
    public static async Task<string?> HolderAsync(IDocumentDatabase database, CancellationToken cancellationToken = default)
    {
        var holder = await database.GetCollection(CollectionName).FindOneAsync(new BsonDocument("_id", LockId), null, cancellationToken).ConfigureAwait(false);
        return holder is null ? null : Describe(holder);
    }

    /// <summary>Stops the heartbeat and deletes the lock if it is still this run's. Runs on success, failure and
    /// Ctrl-C alike; a lock that cannot be deleted (the store went away) expires after its lease.</summary>
    public async ValueTask DisposeAsync()
    {
        await _heartbeat.DisposeAsync().ConfigureAwait(false);
        Task renewal;
        lock (_gate)
        {
            renewal = _renewal;
        }

        await renewal.ConfigureAwait(false);
        if (_released)
        {
            return;
        }

        _released = true;
        try
        {
            await _collection.BulkWriteAsync(
                [new DeleteRequest(new BsonDocument { { "_id", _lockId }, { "owner", Owner } })],
                new BulkWriteOptions { IsOrdered = true }).ConfigureAwait(false);
        }
        catch (Exception e) when (e is MqlException or IOException or InvalidOperationException or ObjectDisposedException)
        {
            // Not released: the lease runs out and the next run takes it over. Do not hide the run's own outcome.
        }
        finally
        {
            _lost.Dispose();
        }
    }

    /// <summary>
    /// Renews the lease now and fails when the lock is no longer this run's (it expired and another run took it
    /// over): a run must not go on writing without holding the lock.
    /// </summary>
    public async Task EnsureHeldAsync(string before, CancellationToken cancellationToken)
    {
        var result = await RenewAsync(cancellationToken).ConfigureAwait(false);
        if (result.MatchedCount == 0)
        {
            _released = true; // not ours to delete any more
            throw new OperationFailedException($"{Database}: the run lock is no longer this run's (its lease expired and another run took it over); stopped before {before}");
        }
    }

    private void Beat()
    {
        lock (_gate)
        {
            if (_renewal.IsCompleted)
            {
                _renewal = HeartbeatAsync();
            }
        }
    }

    private async Task HeartbeatAsync()
    {
        try
        {
            if ((await RenewAsync(CancellationToken.None).ConfigureAwait(false)).MatchedCount == 0)
            {
                _released = true;
                await _lost.CancelAsync().ConfigureAwait(false);
            }
        }
        catch (Exception)
        {
            // A missed heartbeat is retried at the next tick; if every one fails the lease runs out, which is the safe side.
        }
    }

    /// <summary>Moves the expiry forward, only while this run still owns the lock (matched 0 = taken over).</summary>
    private Task<BulkWriteResult> RenewAsync(CancellationToken cancellationToken)
    {
        var now = _options.Time.GetUtcNow();
        return _collection.BulkWriteAsync(
            [new UpdateRequest(
                new BsonDocument { { "_id", _lockId }, { "owner", Owner } },
                new BsonDocument("$set", new BsonDocument { { "renewedAt", new BsonDateTime(now.UtcDateTime) }, { "expiresAt", new BsonDateTime((now + _options.Lease).UtcDateTime) } }))],
            new BulkWriteOptions { IsOrdered = true },
            cancellationToken);
    }

    private static BsonDocument LockDocument(string lockId, string owner, string verb, string? runId, RunLockOptions options, DateTimeOffset now) => new()
    {
        { "_id", lockId },
        { "owner", owner },
        { "verb", verb },
        { "run", (BsonValue?)runId ?? BsonNull.Value },
        { "user", options.User },
        { "host", options.Host },
        { "pid", options.ProcessId },
        { "acquiredAt", new BsonDateTime(now.UtcDateTime) },
        { "renewedAt", new BsonDateTime(now.UtcDateTime) },
        { "expiresAt", new BsonDateTime((now + options.Lease).UtcDateTime) },
    };

    private static BsonDocument Without(BsonDocument document, string name)
    {
        var copy = document.DeepClone().AsBsonDocument;
        copy.Remove(name);
        return copy;
    }

    private static bool IsDuplicateKey(MqlException e) =>
        e.Code == ErrorCodes.DuplicateKey || (e is BulkWriteFailedException bulk && bulk.WriteErrors.Any(w => w.Code == ErrorCodes.DuplicateKey));

    private static string Describe(BsonDocument holder) =>
        $"{holder.GetValue("verb", "a")} run{(holder.GetValue("run", BsonNull.Value) is BsonString run ? " " + run.Value : string.Empty)} " +
        $"of {holder.GetValue("user", "?")}@{holder.GetValue("host", "?")} (pid {holder.GetValue("pid", "?")}) " +
        $"since {Time(holder, "acquiredAt")}, lease until {Time(holder, "expiresAt")}";

    private static string Time(BsonDocument holder, string field) =>
        holder.GetValue(field, BsonNull.Value) is BsonDateTime d ? d.ToUniversalTime().ToString("u", CultureInfo.InvariantCulture) : "?";
}

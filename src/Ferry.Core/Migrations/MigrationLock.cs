using Ferry.Core.Storage;
using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Core.Migrations;

/// <summary>
/// The migration lock of one database: a single document (<c>_id: "migrations"</c>) in
/// <c>_ferry_migrations_lock</c>, taken atomically by inserting it — the unique <c>_id</c> makes a second insert
/// fail with a duplicate key, so two runners can never both hold it (no check-then-insert). The holder refreshes
/// its expiry every third of the lifetime; a lock whose expiry has passed (its owner died) is taken over with one
/// atomic find-and-update filtered on the expiry, so of two runners racing for a stale lock exactly one wins.
/// Expiry uses the runners' clocks: keep hosts' clocks in sync, or use <c>--force-unlock</c>.
/// </summary>
public sealed class MigrationLock : IAsyncDisposable
{
    public const string CollectionName = "_ferry_migrations_lock";
    public const string LockId = "migrations";

    private readonly IDocumentCollection _collection;
    private readonly MigrationEnvironment _environment;
    private readonly ITimer _refresh;
    private bool _released;

    private MigrationLock(IDocumentCollection collection, MigrationEnvironment environment, string owner, string? takeoverNotice)
    {
        _collection = collection;
        _environment = environment;
        Owner = owner;
        TakeoverNotice = takeoverNotice;
        var period = environment.LockLifetime / 3;
        _refresh = environment.Time.CreateTimer(_ => _ = RefreshAsync(), null, period, period);
    }

    /// <summary>The run id holding the lock.</summary>
    public string Owner { get; }

    /// <summary>Set when a stale lock was taken over: whose it was and when it expired.</summary>
    public string? TakeoverNotice { get; }

    /// <summary>Takes the lock for <paramref name="owner"/> (a run id), or throws <see cref="MigrationLockedException"/>
    /// naming who holds it.</summary>
    public static async Task<MigrationLock> AcquireAsync(IDocumentDatabase database, string owner, MigrationEnvironment environment, CancellationToken cancellationToken = default)
    {
        var collection = database.GetCollection(CollectionName);
        var now = environment.Time.GetUtcNow();
        var document = LockDocument(owner, environment, now);
        try
        {
            await collection.BulkWriteAsync([new InsertRequest(document)], new BulkWriteOptions { IsOrdered = true }, cancellationToken).ConfigureAwait(false);
            return new MigrationLock(collection, environment, owner, null);
        }
        catch (MqlException e) when (IsDuplicateKey(e))
        {
            // Held by someone: take it over only if its expiry has passed, atomically.
            var stale = await collection.FindOneAndUpdateAsync(
                new BsonDocument { { "_id", LockId }, { "expiresAt", new BsonDocument("$lt", new BsonDateTime(now.UtcDateTime)) } },
                new BsonDocument("$set", Without(document, "_id")),
                new FindOneAndModifyOptions { ReturnDocument = ReturnDocument.Before },
                cancellationToken).ConfigureAwait(false);
            if (stale is not null)
            {
                return new MigrationLock(collection, environment, owner, $"took over a stale migration lock held by {Describe(stale)}");
            }

            var holder = await collection.FindOneAsync(new BsonDocument("_id", LockId), null, cancellationToken).ConfigureAwait(false);
            throw new MigrationLockedException(database.Name, holder is null ? "another runner (released just now; try again)" : Describe(holder));
        }
    }

    /// <summary>Removes the lock whoever holds it, returning a description of the holder (null when there was none).
    /// For a lock left by a process that is known to be gone; a live holder would go on unprotected.</summary>
    public static async Task<string?> ForceUnlockAsync(IDocumentDatabase database, CancellationToken cancellationToken = default)
    {
        var collection = database.GetCollection(CollectionName);
        var removed = await collection.FindOneAndDeleteAsync(new BsonDocument("_id", LockId), null, cancellationToken).ConfigureAwait(false);
        return removed is null ? null : Describe(removed);
    }

    public async ValueTask DisposeAsync()
    {
        await _refresh.DisposeAsync().ConfigureAwait(false);
        if (_released)
        {
            return;
        }

        _released = true;
        await _collection.BulkWriteAsync(
            [new DeleteRequest(new BsonDocument { { "_id", LockId }, { "owner", Owner } })],
            new BulkWriteOptions { IsOrdered = true }).ConfigureAwait(false);
    }

    /// <summary>
    /// Extends the lock now and fails when it is no longer this runner's (it expired and another runner took it
    /// over): a runner must not apply a migration, or record one, without holding the lock.
    /// </summary>
    public async Task EnsureHeldAsync(string before, CancellationToken cancellationToken)
    {
        var result = await RenewAsync(cancellationToken).ConfigureAwait(false);
        if (result.MatchedCount == 0)
        {
            _released = true; // not ours to delete any more
            throw new Errors.OperationFailedException($"the migration lock is no longer this run's (it expired and another runner took it over); stopped before {before}");
        }
    }

    private async Task RefreshAsync()
    {
        try
        {
            await RenewAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // A missed refresh is retried at the next tick; if every refresh fails the lock expires, which is the safe side.
        }
    }

    /// <summary>Moves the expiry forward, only while this runner still owns the lock (matched 0 = taken over).</summary>
    private Task<BulkWriteResult> RenewAsync(CancellationToken cancellationToken)
    {
        var expires = _environment.Time.GetUtcNow() + _environment.LockLifetime;
        return _collection.BulkWriteAsync(
            [new UpdateRequest(new BsonDocument { { "_id", LockId }, { "owner", Owner } }, new BsonDocument("$set", new BsonDocument("expiresAt", new BsonDateTime(expires.UtcDateTime))))],
            new BulkWriteOptions { IsOrdered = true },
            cancellationToken);
    }

    private static BsonDocument LockDocument(string owner, MigrationEnvironment environment, DateTimeOffset now) => new()
    {
        { "_id", LockId },
        { "owner", owner },
        { "user", environment.User },
        { "host", environment.Host },
        { "pid", environment.ProcessId },
        { "acquiredAt", new BsonDateTime(now.UtcDateTime) },
        { "expiresAt", new BsonDateTime((now + environment.LockLifetime).UtcDateTime) },
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
        $"run {holder.GetValue("owner", "?")} of {holder.GetValue("user", "?")}@{holder.GetValue("host", "?")} (pid {holder.GetValue("pid", "?")}), " +
        $"taken {Time(holder, "acquiredAt")}, expiring {Time(holder, "expiresAt")}";

    private static string Time(BsonDocument holder, string field) =>
        holder.GetValue(field, BsonNull.Value) is BsonDateTime d ? d.ToUniversalTime().ToString("u", System.Globalization.CultureInfo.InvariantCulture) : "?";
}

/// <summary>Another runner holds the migration lock of a database.</summary>
public sealed class MigrationLockedException(string database, string holder)
    : Exception($"{database}: migrations are locked by {holder}; wait for it to finish, or if that process is gone run ferry migrate up --force-unlock (removes the lock; a live runner would then go on unprotected)")
{
    public string Database { get; } = database;
}

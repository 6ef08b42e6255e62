using Ferry.Core.Runs;
using Ferry.Core.Storage;
using Ferry.Core.Tests.Migrations;
using Ferry.Core.Time;
using MongoDB.Bson;

namespace Ferry.Core.Tests.Runs;

public class DatabaseRunLockTests
{
    private static readonly RunLockOptions Options = new() { User = "tester", Host = "testhost", ProcessId = 4242 };

    [Fact]
    public async Task Of_many_concurrent_acquirers_on_separate_store_handles_exactly_one_gets_the_lock()
    {
        await using var kit = new MigrationTestKit();
        var stores = Enumerable.Range(0, 12).Select(_ => kit.OpenAnother()).ToList();
        try
        {
            var start = new TaskCompletionSource();
            var attempts = stores.Select((store, i) => Task.Run(async () =>
            {
                await start.Task;
                try
                {
                    return (Lock: await DatabaseRunLock.AcquireAsync(store.GetDatabase("app"), "transform", $"run-{i}", Options), Error: (DatabaseLockedException?)null);
                }
                catch (DatabaseLockedException e)
                {
                    return (Lock: (DatabaseRunLock?)null, Error: e);
                }
            })).ToList();
            start.SetResult();
            var outcomes = await Task.WhenAll(attempts);

            var winner = Assert.Single(outcomes, o => o.Lock is not null).Lock!;
            Assert.Equal(11, outcomes.Count(o => o.Error is not null));
            var holder = await kit.Db.GetCollection(DatabaseRunLock.CollectionName).FindOneAsync(new BsonDocument("_id", DatabaseRunLock.LockId));
            Assert.Equal(winner.Owner, holder!["owner"].AsString);
            Assert.All(outcomes.Where(o => o.Error is not null), o => Assert.StartsWith($"app: another run holds the lock: transform run {holder["run"].AsString} of tester@testhost (pid 4242) since ", o.Error!.Message));
            await winner.DisposeAsync();
            Assert.Equal(0, await kit.Db.GetCollection(DatabaseRunLock.CollectionName).CountAsync());
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task The_refusal_is_one_line_naming_the_holder_and_both_ways_out()
    {
        await using var kit = new MigrationTestKit();
        await using var held = await DatabaseRunLock.AcquireAsync(kit.Db, "doctor integrity --fix", "doctor-1", Options with { Time = new FixedTimeProvider(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)) });

        var error = await Assert.ThrowsAsync<DatabaseLockedException>(() => DatabaseRunLock.AcquireAsync(kit.Db, "transform", "t-1", Options with { Time = new FixedTimeProvider(new DateTimeOffset(2026, 1, 2, 3, 5, 0, TimeSpan.Zero)) }));

        Assert.Equal(
            "app: another run holds the lock: doctor integrity --fix run doctor-1 of tester@testhost (pid 4242) since 2026-01-02 03:04:05Z, lease until 2026-01-02 03:06:05Z; "
            + "wait for it with --wait [SECONDS], or if that process is gone, rerun with --force-unlock (a live run would then go on unprotected)",
            error.Message);
    }

    [Fact]
    public async Task Of_many_runs_racing_for_a_stale_lock_exactly_one_takes_it_over()
    {
        await using var kit = new MigrationTestKit();
        var then = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var dead = await DatabaseRunLock.AcquireAsync(kit.Db, "transform", "dead-run", Options with { Time = new FixedTimeProvider(then) });
        var later = Options with { Time = new FixedTimeProvider(then + RunLockOptions.DefaultLease + TimeSpan.FromSeconds(1)) };

        var start = new TaskCompletionSource();
        var attempts = Enumerable.Range(0, 10).Select(i => Task.Run(async () =>
        {
            await start.Task;
            try
            {
                return await DatabaseRunLock.AcquireAsync(kit.Db, "migrate up", $"run-{i}", later);
            }
            catch (DatabaseLockedException)
            {
                return null;
            }
        })).ToList();
        start.SetResult();
        var winners = (await Task.WhenAll(attempts)).Where(l => l is not null).ToList();

        var winner = Assert.Single(winners)!;
        Assert.StartsWith("took over the stale lock of app held by transform run dead-run of tester@testhost (pid 4242) since 2026-01-01 00:00:00Z", winner.Notice);

        // The dead holder, should it wake up, finds the lock is not its own and leaves the new holder's lock alone.
        var stopped = await Assert.ThrowsAsync<Errors.OperationFailedException>(() => dead.EnsureHeldAsync("its next batch", CancellationToken.None));
        Assert.Equal("app: the run lock is no longer this run's (its lease expired and another run took it over); stopped before its next batch", stopped.Message);
        await dead.DisposeAsync();
        Assert.Equal(winner.Owner, (await kit.Db.GetCollection(DatabaseRunLock.CollectionName).FindOneAsync(new BsonDocument("_id", DatabaseRunLock.LockId)))!["owner"].AsString);
        await winner.DisposeAsync();
    }

    [Fact]
    public async Task The_heartbeat_renews_the_lease_so_a_long_run_is_not_taken_over()
    {
        await using var kit = new MigrationTestKit();
        var shortLease = Options with { Lease = TimeSpan.FromSeconds(0.9) };
        await using var held = await DatabaseRunLock.AcquireAsync(kit.Db, "transform", "long-run", shortLease);
        var acquired = await LockDocumentAsync(kit.Db);

        await Task.Delay(TimeSpan.FromSeconds(2.5)); // well past the first lease: only heartbeats keep it

        await Assert.ThrowsAsync<DatabaseLockedException>(() => DatabaseRunLock.AcquireAsync(kit.Db, "migrate up", "other", shortLease));
        var renewed = await LockDocumentAsync(kit.Db);
        Assert.Equal(held.Owner, renewed["owner"].AsString);
        Assert.True(renewed["renewedAt"].ToUniversalTime() > acquired["renewedAt"].ToUniversalTime().AddSeconds(1.5), $"renewed at {renewed["renewedAt"]}, acquired {acquired["renewedAt"]}");
        Assert.Equal(acquired["acquiredAt"], renewed["acquiredAt"]);
        Assert.False(held.Lost.IsCancellationRequested);
    }

    [Fact]
    public async Task A_heartbeat_that_finds_the_lock_taken_over_signals_lost()
    {
        await using var kit = new MigrationTestKit();
        await using var held = await DatabaseRunLock.AcquireAsync(kit.Db, "transform", "paused-run", Options with { Lease = TimeSpan.FromSeconds(0.6) });
        await kit.Db.GetCollection(DatabaseRunLock.CollectionName).BulkWriteAsync(
            [new UpdateRequest(new BsonDocument("_id", DatabaseRunLock.LockId), new BsonDocument("$set", new BsonDocument("owner", "someone-else")))]);

        var lost = new TaskCompletionSource();
        await using var registration = held.Lost.Register(() => lost.TrySetResult());
        Assert.Same(lost.Task, await Task.WhenAny(lost.Task, Task.Delay(TimeSpan.FromSeconds(10))));
    }

    [Fact]
    public async Task With_wait_a_run_waits_for_the_holder_and_then_takes_the_lock()
    {
        await using var kit = new MigrationTestKit();
        var held = await DatabaseRunLock.AcquireAsync(kit.Db, "transform", "first", Options);
        var waiting = DatabaseRunLock.AcquireAsync(kit.Db, "transform", "second", Options with { Wait = TimeSpan.FromSeconds(30), PollInterval = TimeSpan.FromMilliseconds(50) });
        await Task.Delay(400);
        Assert.False(waiting.IsCompleted);

        await held.DisposeAsync();

        await using var second = await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("second", (await LockDocumentAsync(kit.Db))["run"].AsString);
    }

    [Fact]
    public async Task A_wait_that_runs_out_refuses_saying_how_long_it_waited()
    {
        await using var kit = new MigrationTestKit();
        await using var held = await DatabaseRunLock.AcquireAsync(kit.Db, "transform", "first", Options);

        var error = await Assert.ThrowsAsync<DatabaseLockedException>(() => DatabaseRunLock.AcquireAsync(kit.Db, "import", null, Options with { Wait = TimeSpan.FromSeconds(1), PollInterval = TimeSpan.FromMilliseconds(50) }));

        Assert.Matches(@"^app: another run holds the lock: transform run first of tester@testhost \(pid 4242\) since .*; still held after waiting 1 s, or if that process is gone, rerun with --force-unlock", error.Message);
    }

    [Fact]
    public async Task Force_unlock_removes_the_holders_lock_and_takes_it_with_a_notice()
    {
        await using var kit = new MigrationTestKit();
        var stuck = await DatabaseRunLock.AcquireAsync(kit.Db, "transform", "stuck", Options);

        await using var forced = await DatabaseRunLock.AcquireAsync(kit.Db, "doctor restore-quarantine", "r", Options with { ForceUnlock = true });

        Assert.StartsWith("removed the lock of app held by transform run stuck of tester@testhost (pid 4242)", forced.Notice);
        Assert.EndsWith("(--force-unlock)", forced.Notice);
        Assert.Equal(forced.Owner, (await LockDocumentAsync(kit.Db))["owner"].AsString);
        await stuck.DisposeAsync(); // the removed holder's release must not delete the new lock
        Assert.Equal(forced.Owner, (await LockDocumentAsync(kit.Db))["owner"].AsString);
    }

    private static async Task<BsonDocument> LockDocumentAsync(IDocumentDatabase db) =>
        (await db.GetCollection(DatabaseRunLock.CollectionName).FindOneAsync(new BsonDocument("_id", DatabaseRunLock.LockId)))!;
}

using Ferry.Core.Migrations;
using Ferry.Core.Runs;
using MongoDB.Bson;

namespace Ferry.Core.Tests.Migrations;

public class MigrationLockTests
{
    [Fact]
    public async Task Two_concurrent_runners_apply_each_migration_exactly_once()
    {
        await using var kit = new MigrationTestKit();
        var gate = new TaskCompletionSource();
        var slow = new Migration(MigrationVersion.Parse("1"), "slow", "1_slow.js", "c", true, new SlowBody(gate.Task, kit));
        var first = kit.Runner(slow).UpAsync(kit.Db);
        var second = kit.Runner(slow).UpAsync(kit.Db);
        var outcomes = new List<string>();
        // Whichever loses the lock fails at once; let the winner finish afterwards.
        var done = await Task.WhenAny(first, second);
        outcomes.Add(done.IsFaulted ? done.Exception!.InnerException!.GetType().Name : "applied");
        gate.SetResult();
        var other = done == first ? second : first;
        try
        {
            await other;
            outcomes.Add("applied");
        }
        catch (DatabaseLockedException e)
        {
            outcomes.Add(nameof(DatabaseLockedException));
            Assert.Contains("tester@testhost", e.Message);
        }

        Assert.Equal(["DatabaseLockedException", "applied"], outcomes.Order(StringComparer.Ordinal));
        Assert.Equal(["Up 1"], kit.Log);
        Assert.Equal(["1"], await kit.MarksAsync());
    }

    [Fact]
    public async Task A_runner_whose_lock_was_taken_over_stops_before_its_next_migration()
    {
        await using var kit = new MigrationTestKit();
        var takeover = new Migration(MigrationVersion.Parse("1"), "lock taken over meanwhile", "1_t.js", "c", true, new TakeoverBody());
        var runner = kit.Runner(takeover, kit.Marking("2"));

        var error = await Assert.ThrowsAsync<Errors.OperationFailedException>(() => runner.UpAsync(kit.Db));

        Assert.Equal("app: the run lock is no longer this run's (its lease expired and another run took it over); stopped before 2", error.Message);
        Assert.DoesNotContain("Up 2", kit.Log);
        Assert.Equal("someone-else", (await kit.Db.GetCollection(DatabaseRunLock.CollectionName).FindOneAsync(new BsonDocument("_id", DatabaseRunLock.LockId)))!["owner"].AsString);
    }

    /// <summary>Stands for a pause long enough that the lock expired and another runner took it.</summary>
    private sealed class TakeoverBody : IMigrationBody
    {
        public async Task RunAsync(MigrationDirection direction, Core.Storage.IDocumentDatabase database, CancellationToken cancellationToken = default) =>
            await database.GetCollection(DatabaseRunLock.CollectionName).BulkWriteAsync(
                [new Core.Storage.UpdateRequest(new BsonDocument("_id", DatabaseRunLock.LockId), new BsonDocument("$set", new BsonDocument("owner", "someone-else")))],
                cancellationToken: cancellationToken);
    }

    [Fact]
    public async Task Two_runners_on_separate_store_handles_take_the_lock_once()
    {
        await using var kit = new MigrationTestKit();
        await using var other = kit.OpenAnother();
        var gate = new TaskCompletionSource();
        var slow = new Migration(MigrationVersion.Parse("1"), "slow", "1_slow.js", "c", true, new SlowBody(gate.Task, kit));
        var first = kit.Runner(slow).UpAsync(kit.Db);
        var second = kit.Runner(slow).UpAsync(other.GetDatabase("app"));
        var loser = await Task.WhenAny(first, second);
        Assert.IsType<DatabaseLockedException>(loser.Exception?.InnerException);
        gate.SetResult();
        Assert.True((await (loser == first ? second : first)).Succeeded);
        Assert.Equal(["Up 1"], kit.Log);
    }

    [Fact]
    public async Task The_lock_is_released_after_a_run_so_the_next_run_can_start()
    {
        await using var kit = new MigrationTestKit();
        await kit.Runner(kit.Marking("1")).UpAsync(kit.Db);
        await kit.Runner(kit.Marking("1"), kit.Marking("2")).UpAsync(kit.Db);
        Assert.Equal(["Up 1", "Up 2"], kit.Log);
        Assert.Equal(0, await kit.Db.GetCollection(DatabaseRunLock.CollectionName).CountAsync());
    }

    [Fact]
    public async Task A_stale_lock_is_taken_over_with_a_notice()
    {
        await using var kit = new MigrationTestKit();
        await kit.Db.GetCollection(DatabaseRunLock.CollectionName).BulkWriteAsync([new Ferry.Core.Storage.InsertRequest(new BsonDocument
        {
            { "_id", DatabaseRunLock.LockId }, { "owner", "dead-token" }, { "verb", "migrate up" }, { "run", "dead-run" }, { "user", "gone" }, { "host", "crashed" }, { "pid", 1 },
            { "acquiredAt", new BsonDateTime(DateTime.UtcNow.AddHours(-2)) }, { "expiresAt", new BsonDateTime(DateTime.UtcNow.AddHours(-1)) },
        })]);
        var result = await kit.Runner(kit.Marking("1")).UpAsync(kit.Db);
        Assert.True(result.Succeeded);
        Assert.Contains("took over the stale lock of app held by migrate up run dead-run of gone@crashed", result.Notice);
    }

    [Fact]
    public async Task A_live_lock_refuses_and_force_unlock_removes_it()
    {
        await using var kit = new MigrationTestKit();
        await using (await DatabaseRunLock.AcquireAsync(kit.Db, "transform", "holder", kit.Environment.Lock))
        {
            var error = await Assert.ThrowsAsync<DatabaseLockedException>(() => kit.Runner(kit.Marking("1")).UpAsync(kit.Db));
            Assert.Contains("app: another run holds the lock: transform run holder of tester@testhost (pid ", error.Message);
            Assert.Contains("--force-unlock", error.Message);
            var removed = await kit.Runner().ForceUnlockAsync(kit.Db);
            Assert.StartsWith("transform run holder", removed);
            await kit.Runner(kit.Marking("1")).UpAsync(kit.Db);
        }

        Assert.Equal(["Up 1"], kit.Log);
    }

    [Fact]
    public async Task A_running_migration_keeps_its_lock_alive_past_the_lock_lifetime()
    {
        await using var kit = new MigrationTestKit();
        var environment = kit.Environment with { LockLifetime = TimeSpan.FromSeconds(3) };
        var release = new TaskCompletionSource();
        var started = new TaskCompletionSource();
        var longRunning = new Migration(MigrationVersion.Parse("1"), "long", "1_long.js", "c", true, new WaitingBody(started, release.Task));
        var run = new MigrationRunner(new SingleSource(longRunning), environment).UpAsync(kit.Db);
        await started.Task;
        await Task.Delay(TimeSpan.FromSeconds(4.5)); // past the first expiry: only refreshes keep the lock
        await Assert.ThrowsAsync<DatabaseLockedException>(() => new MigrationRunner(new SingleSource(kit.Marking("2")), environment).UpAsync(kit.Db));
        release.SetResult();
        Assert.True((await run).Succeeded);
    }

    private sealed class SingleSource(Migration migration) : IMigrationSource
    {
        public IReadOnlyList<Migration> Load() => [migration];
    }

    private sealed class WaitingBody(TaskCompletionSource started, Task release) : IMigrationBody
    {
        public async Task RunAsync(MigrationDirection direction, Ferry.Core.Storage.IDocumentDatabase database, CancellationToken cancellationToken = default)
        {
            started.TrySetResult();
            await release;
        }
    }

    private sealed class SlowBody(Task gate, MigrationTestKit kit) : IMigrationBody
    {
        public async Task RunAsync(MigrationDirection direction, Ferry.Core.Storage.IDocumentDatabase database, CancellationToken cancellationToken = default)
        {
            await kit.Marking("1").Body.RunAsync(direction, database, cancellationToken);
            await gate;
        }
    }
}

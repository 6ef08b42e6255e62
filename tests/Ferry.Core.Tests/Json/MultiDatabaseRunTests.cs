using Ferry.Core.Migrations;
using Ferry.Core.Tests.Backup;
using MongoDB.Bson;
using static Ferry.Core.Tests.Json.JsonShape;

namespace Ferry.Core.Tests.Json;

/// <summary>A migrate verb over several databases: which failures are a database's outcome, and the <c>--json</c> envelope.</summary>
public sealed class MultiDatabaseRunTests : IAsyncDisposable
{
    private readonly InMemoryStore _store = new();

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    [Fact]
    public async Task A_held_lock_or_a_refusal_after_other_databases_is_that_databases_failed_outcome()
    {
        var run = new MultiDatabaseRun();

        await run.RunAsync(_store.GetDatabase("a"), () => Task.FromResult(new DatabaseOutcome("a", new BsonDocument("database", "a"), true)));
        var locked = await run.RunAsync(_store.GetDatabase("b"), () => throw new Ferry.Core.Runs.DatabaseLockedException("b", "host-1", null));
        var refused = await run.RunAsync(_store.GetDatabase("c"), () => throw new MigrationRefusedException("c: 001 changed since it was applied"));

        Assert.False(run.Ok);
        Assert.StartsWith("b: another run holds the lock: host-1", locked.Error, StringComparison.Ordinal);
        Assert.Equal("c: 001 changed since it was applied", refused.Error);
        AssertShape(
            "{ 'ok' : false, 'databases' : [{ 'database' : 'a' }, { 'database' : 'b', 'error' : '" + locked.Error + "' }, { 'database' : 'c', 'error' : 'c: 001 changed since it was applied' }] }",
            run.ToBson());
    }

    [Fact]
    public async Task A_refusal_on_the_first_database_is_still_bad_input()
    {
        var run = new MultiDatabaseRun();

        await Assert.ThrowsAsync<MigrationRefusedException>(() => run.RunAsync(_store.GetDatabase("a"), () => throw new MigrationRefusedException("refused")));
        await Assert.ThrowsAsync<InvalidOperationException>(() => run.RunAsync(_store.GetDatabase("a"), () => throw new InvalidOperationException("bug")));
    }

    [Fact]
    public async Task A_database_whose_verb_did_not_hold_fails_the_run()
    {
        var run = new MultiDatabaseRun();

        await run.RunAsync(_store.GetDatabase("a"), () => Task.FromResult(new DatabaseOutcome("a", new BsonDocument("pending", 2), false)));

        Assert.False(run.Ok);
        Assert.Null(run.Databases[0].Error);
        AssertShape("{ 'ok' : false, 'databases' : [{ 'pending' : 2 }] }", run.ToBson());
    }
}

namespace Ferry.Scripting.Tests;

/// <summary>The heap-growth limit reads the process-wide heap, so these tests run alone: other tests' allocations
/// must not count against a script's limit.</summary>
[CollectionDefinition(nameof(MemoryLimitTests), DisableParallelization = true)]
public sealed class MemoryLimitCollection;

[Collection(nameof(MemoryLimitTests))]
public class MemoryLimitTests
{
    private static Task<ScriptResult> RunAsync(string source, ScriptLimits limits) =>
        new MongoShell(new UnusedStore(), limits).EvaluateAsync("test", source, "script.js", TextWriter.Null);

    [Fact]
    public async Task Growing_live_data_past_the_memory_limit_stops_the_script()
    {
        var error = await Assert.ThrowsAsync<ScriptFailedException>(() => RunAsync(
            "var keep = []; while (true) { keep.push('x'.repeat(1000) + keep.length); }",
            new ScriptLimits { MemoryLimitBytes = 64L * 1024 * 1024, Timeout = TimeSpan.FromMinutes(2) }));
        Assert.Equal("MemoryLimitExceeded", error.ErrorName);
    }

    [Fact]
    public async Task Garbage_does_not_count_against_the_memory_limit()
    {
        var result = await RunAsync(
            "var n = 0; for (var i = 0; i < 300000; i++) { var o = { s: 'x'.repeat(200) + i }; n += o.s.length > 0 ? 1 : 0; } n",
            new ScriptLimits { MemoryLimitBytes = 64L * 1024 * 1024 });
        Assert.Equal(300000, result.Value!.AsInt32);
    }

    [Fact]
    public async Task A_cursor_drained_by_one_host_call_stops_at_the_memory_limit_while_it_drains()
    {
        // toArray pulls the whole collection inside one host call; the script's only statement, so no later
        // statement would check the limit: the drain itself must.
        await using var store = new TempStore();
        var padding = new string('x', 2000);
        foreach (var chunk in Enumerable.Range(0, 40_000).Chunk(1000))
        {
            await store.Db.GetCollection("big").BulkWriteAsync(chunk.Select(i => (Core.Storage.WriteRequest)new Core.Storage.InsertRequest(new MongoDB.Bson.BsonDocument { { "_id", i }, { "pad", padding } })).ToList());
        }

        var error = await Assert.ThrowsAsync<ScriptFailedException>(() => store.EvalAsync(
            "db.big.find().toArray().length",
            new ScriptLimits { MemoryLimitBytes = 16L * 1024 * 1024, Timeout = TimeSpan.FromMinutes(2) }));

        Assert.Equal("MemoryLimitExceeded", error.ErrorName);
    }
}

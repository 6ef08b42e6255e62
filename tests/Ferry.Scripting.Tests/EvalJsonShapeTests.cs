using Ferry.Core.Migrations.DryRun;
using MongoDB.Bson;
using MongoDB.Bson.IO;

namespace Ferry.Scripting.Tests;

/// <summary>The <c>ferry eval --json</c> contract: <see cref="EvalResult.ToBson"/>, and a script failure returned as a result.</summary>
public sealed class EvalJsonShapeTests
{
    private static readonly JsonWriterSettings Relaxed = new() { OutputMode = JsonOutputMode.RelaxedExtendedJson };

    private static void AssertShape(string expected, BsonDocument actual) => Assert.Equal(expected.Replace('\'', '"'), actual.ToJson(Relaxed));

    [Fact]
    public void A_value_and_no_writes_outside_a_dry_run()
    {
        AssertShape("{ 'ok' : true, 'result' : { 'n' : 3 } }", new EvalResult(new BsonDocument("n", 3), "{ n: 3 }").ToBson());
        AssertShape("{ 'ok' : true, 'result' : null }", new EvalResult(null, null).ToBson());
    }

    [Fact]
    public void A_dry_run_lists_the_writes_not_made()
    {
        var result = new EvalResult(new BsonInt32(1), "1") { Writes = [new RecordedWrite("app.items", "deleteMany", new BsonDocument(), null, 2)] };

        AssertShape("{ 'ok' : true, 'result' : 1, 'writes' : [{ 'ns' : 'app.items', 'op' : 'deleteMany', 'filter' : { }, 'update' : null, 'affected' : 2 }] }", result.ToBson());
    }

    [Fact]
    public void A_failure_says_where_and_why()
    {
        var result = new EvalResult(null, null) { Failure = new ScriptFailure("<eval>:1:14: MongoServerError: dup (code 11000, DuplicateKey)", "<eval>", 1, 14, 11000, "DuplicateKey") };

        Assert.False(result.Ok);
        AssertShape("{ 'ok' : false, 'error' : '<eval>:1:14: MongoServerError: dup (code 11000, DuplicateKey)', 'file' : '<eval>', 'line' : 1, 'column' : 14, 'code' : 11000, 'codeName' : 'DuplicateKey' }", result.ToBson());
    }

    [Fact]
    public async Task A_script_error_is_returned_as_a_failed_result_not_thrown()
    {
        await using var store = new TempStore();
        var result = await ShellEvaluation.RunAsync(store.Store, "app", "var a = 1;\nnull.x;", "t.js", TextWriter.Null, ScriptLimits.Default, dryRun: false);

        var failure = Assert.IsType<ScriptFailure>(result.Failure);
        Assert.Equal("t.js", failure.SourceName);
        Assert.Equal(2, failure.Line);
        Assert.StartsWith("t.js:2:", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dry_run_writes_nothing_and_returns_the_writes()
    {
        await using var store = new TempStore();
        var result = await ShellEvaluation.RunAsync(store.Store, "app", "db.items.insertOne({ _id: 1 }); db.items.countDocuments()", "<eval>", TextWriter.Null, ScriptLimits.Default, dryRun: true);

        Assert.True(result.Ok);
        Assert.Equal(0, result.Value!.ToInt64());
        Assert.Equal("insert", Assert.Single(result.Writes!).Operation);
    }
}

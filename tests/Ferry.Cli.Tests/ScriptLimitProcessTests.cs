using Ferry.Core.Migrations;
using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Cli.Tests;

/// <summary>
/// Issue #23: a script that recurses or nests deeply, awaits a promise that never settles, or runs a catastrophic
/// regex is a script error of the real <c>ferry</c> process — exit 1, one error line, no .NET stack trace, within
/// <c>--timeout</c> — not a native stack overflow that kills the process (exit 134, thousands of trace lines).
/// A migration failing so is recorded as failed with the lock released, and names the backup that undoes it.
/// </summary>
public sealed class ScriptLimitProcessTests : IDisposable
{
    private const string DeepObject = "let o={},c=o;for(let i=0;i<20000;i++){c.a={};c=c.a};";
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private Task<FerryProcess.Outcome> EvalAsync(string script, params string[] more) =>
        FerryProcess.RunAsync(Limit, ["eval", "--uri", _cli.StoreUri, "--db", "app", "--eval", script, .. more]);

    private static void AssertOneScriptError(FerryProcess.Outcome outcome, string expected)
    {
        Assert.True(outcome.Exit == 1, $"exit {outcome.Exit}: {outcome.Stderr[..Math.Min(outcome.Stderr.Length, 2000)]}{outcome.Stdout}");
        Assert.DoesNotContain("   at ", outcome.Stdout + outcome.Stderr, StringComparison.Ordinal);
        Assert.Equal(expected, outcome.Text);
    }

    [Theory]
    [InlineData(DeepObject + "JSON.stringify(o)", "error: <eval>:1:68: RangeError: Maximum call stack size exceeded")]
    [InlineData(DeepObject + "o", "error: <eval>:1:53: RangeError: value nested deeper than 150 levels (MongoDB stores documents at most 100 deep; a cycle?)")]
    [InlineData("function f(n){return f(n+1)} f(0)", "error: <eval>: RecursionLimitExceeded: call depth beyond 512 in f")]
    [InlineData("EJSON.parse('['.repeat(100000)+']'.repeat(100000))", "error: <eval>:1:1: RangeError: EJSON.parse: text nested deeper than 300 levels")]
    public async Task Deep_recursion_and_nesting_are_one_line_script_errors(string script, string expected) =>
        AssertOneScriptError(await EvalAsync(script), expected);

    [Fact]
    public async Task Inserting_a_20000_deep_document_is_refused_and_nothing_is_written()
    {
        AssertOneScriptError(
            await EvalAsync(DeepObject + "db.c.insertOne(o)"),
            "error: <eval>:1:68: RangeError: value nested deeper than 150 levels (MongoDB stores documents at most 100 deep; a cycle?)");
        Assert.Equal(0, await _cli.CountAsync("app", "c"));
    }

    [Theory]
    [InlineData("await new Promise(()=>{})", "error: <eval>: TimeLimitExceeded: the script ran longer than its time limit of 00:00:03", 3)]
    [InlineData("/(a+)+$/.test('a'.repeat(40)+'!')", "error: <eval>: TimeLimitExceeded: the script ran longer than its time limit of 00:00:03", 3)]
    // Ferry.Query's $regex has its own 5 s match limit, which the script's deadline cannot shorten.
    [InlineData("db.r.insertOne({s:'a'.repeat(40)+'!'}); db.r.find({s:{$regex:'(a+)+$'}}).toArray()", "error: <eval>:1:41: MongoServerError: Error occurred while executing the regular expression (a+)+$: the match took longer than 5 s (catastrophic backtracking?) (code 51156, Location51156)", 5)]
    public async Task A_never_settling_promise_and_catastrophic_regexes_stop_at_the_timeout(string script, string expected, int seconds)
    {
        var startup = await FerryProcess.StartupAsync(_cli.StoreUri);
        var outcome = await EvalAsync(script, "--timeout", "3");
        AssertOneScriptError(outcome, expected);
        Assert.True(outcome.Elapsed < startup + TimeSpan.FromSeconds(seconds + 3), $"took {outcome.Elapsed} (start-up {startup})");
    }
}

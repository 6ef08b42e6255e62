using System.Diagnostics;
using Ferry.Core.Migrations;
using Ferry.Scripting.Migrations;

namespace Ferry.Scripting.Tests;

/// <summary>
/// Issue #23: recursion the call-depth limit cannot see (deep nesting walked by built-ins and by Ferry's
/// converters) fails the script with a RangeError instead of a process-killing stack overflow, and a promise that
/// never settles or a catastrophic regex stops at the script's time limit. The child-process checks (exit code,
/// one line of output) are in Ferry.Cli.Tests' ScriptLimitProcessTests.
/// </summary>
public class DeepNestingAndTimeoutTests
{
    // 200,000 levels, not the 20,000: a thread with an 8 MB stack (xunit may run a test on one) holds 20,000,
    // and the stringify then simply succeeds; what the guard must stop is a depth no stack holds.
    private const string DeepObject = "let o = {}, c = o; for (let i = 0; i < 200000; i++) { c.a = {}; c = c.a; }\n";

    private static Task<ScriptResult> RunAsync(string source, ScriptLimits? limits = null) =>
        new MongoShell(new UnusedStore(), limits).EvaluateAsync("test", source, "script.js", TextWriter.Null);

    [Fact]
    public async Task Stringifying_a_deeply_nested_object_is_a_catchable_RangeError()
    {
        var result = await RunAsync(DeepObject + "let name; try { JSON.stringify(o); } catch (e) { name = e.name + ': ' + e.message; } name");
        Assert.Equal("RangeError: Maximum call stack size exceeded", result.Value!.AsString);
    }

    [Theory]
    [InlineData("JSON.stringify(o)")]
    [InlineData("let a = [], d = a; for (let i = 0; i < 200000; i++) { const n = []; d.push(n); d = n; } String(a)")]
    [InlineData("let f = () => 1; for (let i = 0; i < 200000; i++) f = f.bind(null); f()")]
    public async Task Deep_nesting_walked_by_a_built_in_fails_the_script_with_a_RangeError(string expression)
    {
        var error = await Assert.ThrowsAsync<ScriptFailedException>(() => RunAsync(DeepObject + expression));
        Assert.Equal("RangeError", error.ErrorName);
        Assert.Equal("Maximum call stack size exceeded", error.Detail);
    }

    [Fact]
    public async Task A_value_nested_deeper_than_bson_allows_is_refused_when_converted()
    {
        await using var store = new TempStore();
        var error = await Assert.ThrowsAsync<ScriptFailedException>(() => store.EvalAsync(DeepObject + "db.c.insertOne(o)"));
        Assert.Equal("RangeError", error.ErrorName);
        Assert.Equal("value nested deeper than 150 levels (MongoDB stores documents at most 100 deep; a cycle?)", error.Detail);
        Assert.Equal(0, await store.Db.GetCollection("c").CountAsync());
    }

    [Fact]
    public async Task A_deeply_nested_result_value_is_a_script_error_not_an_unexpected_one()
    {
        var error = await Assert.ThrowsAsync<ScriptFailedException>(() => RunAsync(DeepObject + "o"));
        Assert.Equal("RangeError", error.ErrorName);
    }

    [Fact]
    public async Task EJSON_parse_refuses_text_nested_deeper_than_it_can_read()
    {
        var error = await Assert.ThrowsAsync<ScriptFailedException>(() => RunAsync("EJSON.parse('['.repeat(100000) + ']'.repeat(100000))"));
        Assert.Equal("RangeError", error.ErrorName);
        Assert.Equal("EJSON.parse: text nested deeper than 300 levels", error.Detail);
        var fine = await RunAsync("EJSON.parse('{\"a\": \"[[[[{{{{\", \"b\": [[1]]}').b[0][0]");
        Assert.Equal(1, fine.Value!.AsInt32);
    }

    [Fact]
    public async Task EJSON_parse_counts_only_brackets_outside_strings()
    {
        var result = await RunAsync("EJSON.parse(JSON.stringify({ s: '['.repeat(400), t: \"'{{\" , u: [[{ v: 1 }]] })).u[0][0].v");
        Assert.Equal(1, result.Value!.AsInt32);
    }

    [Fact]
    public async Task Source_nested_too_deeply_to_parse_is_a_script_error()
    {
        var error = await Assert.ThrowsAsync<ScriptFailedException>(() => RunAsync("let s = '1'; for (let i = 0; i < 100000; i++) s = '[' + s + ']'; eval(s)"));
        Assert.Equal("RangeError", error.ErrorName);
    }

    [Fact]
    public async Task Direct_recursion_names_the_call()
    {
        var error = await Assert.ThrowsAsync<ScriptFailedException>(() => RunAsync("function f(n) { return f(n + 1); } f(0)", new ScriptLimits { MaxRecursionDepth = 100 }));
        Assert.Equal("script.js: RecursionLimitExceeded: call depth beyond 100 in f", error.Message);
    }

    [Theory]
    [InlineData("await new Promise(() => {})")]
    [InlineData("/(a+)+$/.test('a'.repeat(40) + '!')")]
    [InlineData("new RegExp('(a+)+$').exec('a'.repeat(40) + '!')")]
    public async Task A_never_settling_promise_and_a_catastrophic_regex_stop_at_the_time_limit(string source)
    {
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<ScriptFailedException>(() => RunAsync(source, new ScriptLimits { Timeout = TimeSpan.FromSeconds(1) }));
        Assert.Equal("TimeLimitExceeded", error.ErrorName);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}"); // Jint's own waits were 10 s
    }

    [Fact]
    public async Task A_catastrophic_regex_fails_after_the_match_limit_well_before_a_long_deadline()
    {
        var clock = Stopwatch.StartNew();
        var limits = new ScriptLimits { Timeout = TimeSpan.FromMinutes(10), MaxRegexMatchTime = TimeSpan.FromMilliseconds(300) };
        var error = await Assert.ThrowsAsync<ScriptFailedException>(() => RunAsync("/(a+)+$/.test('a'.repeat(40) + '!')", limits));
        Assert.Equal("RegexTimeLimitExceeded", error.ErrorName);
        Assert.Equal("a regular expression match took longer than 0.3 s (catastrophic backtracking?)", error.Detail);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_migration_awaiting_a_promise_that_never_settles_stops_at_the_time_limit()
    {
        await using var store = new TempStore();
        var runner = new JintMigrationScriptRunner(new ScriptLimits { Timeout = TimeSpan.FromSeconds(1) });
        var script = new MigrationScript("001_hang.js", "module.exports = { async up(db) { await db.c.insertOne({ _id: 1 }); await new Promise(() => {}); }, async down() {} };");
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<ScriptFailedException>(() => runner.RunAsync(script, MigrationDirection.Up, store.Db));
        Assert.Equal("TimeLimitExceeded", error.ErrorName);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
    }
}

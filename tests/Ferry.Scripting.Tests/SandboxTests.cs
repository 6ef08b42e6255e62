using Ferry.Core.Errors;

namespace Ferry.Scripting.Tests;

public class SandboxTests
{
    private static Task<ScriptResult> RunAsync(string source, ScriptLimits? limits = null, TextWriter? output = null) =>
        new MongoShell(new UnusedStore(), limits).EvaluateAsync("test", source, "script.js", output ?? TextWriter.Null);

    [Theory]
    [InlineData("System.IO.File.ReadAllText('/etc/passwd')", "System is not defined")]
    [InlineData("importNamespace('System.IO')", "importNamespace is not defined")]
    [InlineData("require('fs')", "require is not defined")]
    [InlineData("fetch('http://example.com')", "fetch is not defined")]
    public async Task Scripts_have_no_access_to_the_clr_the_file_system_or_the_network(string source, string expected)
    {
        var error = await Assert.ThrowsAsync<ScriptFailedException>(() => RunAsync(source));
        Assert.Equal("ReferenceError", error.ErrorName);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task Host_objects_do_not_leak_clr_types_through_their_constructors()
    {
        var result = await RunAsync("typeof db.getName.constructor('return this')().System");
        Assert.Equal("undefined", result.Value!.AsString);
    }

    [Fact]
    public async Task An_endless_loop_stops_at_the_time_limit()
    {
        var started = DateTime.UtcNow;
        var error = await Assert.ThrowsAsync<ScriptFailedException>(() => RunAsync("while (true) {}", new ScriptLimits { Timeout = TimeSpan.FromMilliseconds(300) }));
        Assert.Equal("TimeLimitExceeded", error.ErrorName);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Runaway_recursion_stops_at_the_depth_limit()
    {
        var error = await Assert.ThrowsAsync<ScriptFailedException>(() => RunAsync("function f(n) { return f(n + 1); } f(0)", new ScriptLimits { MaxRecursionDepth = 100 }));
        Assert.Equal("RecursionLimitExceeded", error.ErrorName);
    }

    [Fact]
    public async Task The_statement_limit_is_enforced_when_set()
    {
        var error = await Assert.ThrowsAsync<ScriptFailedException>(() => RunAsync("for (var i = 0; i < 1000000; i++) { }", new ScriptLimits { MaxStatements = 1000 }));
        Assert.Equal("StatementLimitExceeded", error.ErrorName);
    }

    [Fact]
    public async Task A_syntax_error_is_bad_input_naming_file_line_and_column()
    {
        var error = await Assert.ThrowsAsync<UserInputException>(() => RunAsync("var a = 1;\nvar b = ;\n"));
        Assert.Equal("script.js:2:9: SyntaxError: Unexpected token ';'", error.Message);
    }

    [Fact]
    public async Task A_runtime_error_names_file_line_and_column()
    {
        var error = await Assert.ThrowsAsync<ScriptFailedException>(() => RunAsync("var a = 1;\n\n   null.x;\n"));
        Assert.Equal("script.js", error.SourceName);
        Assert.Equal(3, error.Line);
        Assert.Equal(9, error.Column); // the property read that failed, as V8 reports it
        Assert.Equal("TypeError", error.ErrorName);
    }

    [Fact]
    public async Task An_error_in_an_async_function_names_the_line_where_it_was_thrown()
    {
        var error = await Assert.ThrowsAsync<ScriptFailedException>(() => RunAsync("async function f() {\n  await 1;\n  throw new Error('boom');\n}\nf()"));
        Assert.Equal(3, error.Line);
        Assert.Equal("boom", error.Detail);
    }

    [Fact]
    public async Task Top_level_await_works_as_in_mongosh()
    {
        var output = new StringWriter();
        await RunAsync("const v = await Promise.resolve(41);\nprint(v + 1);", output: output);
        Assert.Equal("42", output.ToString().Trim());
    }
}

using System.Diagnostics;
using Ferry.Core.Hooks;

namespace Ferry.Core.Tests.Hooks;

/// <summary>Hooks are real child processes: exit codes, output, the time limit and a missing program.</summary>
public sealed class HookRunnerTests
{
    [Fact]
    public async Task A_shell_line_runs_with_its_environment_and_its_output_is_captured_and_redacted()
    {
        var hook = new HookCommand("scale-down")
        {
            Shell = "echo \"scaling $FERRY_RUN_ID\"; echo mongodb://admin:hunter2@db:27017 >&2",
            Environment = new Dictionary<string, string> { ["FERRY_RUN_ID"] = "run-7" },
        };

        var result = await HookRunner.RunAsync(hook);

        Assert.True(result.Succeeded);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("scaling run-7\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("mongodb://admin:***@db:27017", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_command_reports_its_exit_code()
    {
        var result = await HookRunner.RunAsync(new HookCommand("fail") { Arguments = ["/bin/sh", "-c", "exit 3"] });

        Assert.False(result.Succeeded);
        Assert.Equal(3, result.ExitCode);
        Assert.Equal("hook fail failed with exit code 3", result.Summary);
    }

    [Fact]
    public async Task A_command_past_its_time_limit_is_killed_with_its_children()
    {
        var clock = Stopwatch.StartNew();
        var result = await HookRunner.RunAsync(new HookCommand("slow") { Shell = "sleep 30 & sleep 30", Timeout = TimeSpan.FromMilliseconds(300) });

        Assert.True(result.TimedOut);
        Assert.Null(result.ExitCode);
        Assert.False(result.Succeeded);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_program_that_does_not_exist_is_a_failed_hook_not_an_exception()
    {
        var result = await HookRunner.RunAsync(new HookCommand("missing") { Arguments = ["/nonexistent/kubectl", "scale"] });

        Assert.False(result.Succeeded);
        Assert.NotNull(result.StartError);
        Assert.StartsWith("hook missing could not start: ", result.Summary, StringComparison.Ordinal);
    }
}

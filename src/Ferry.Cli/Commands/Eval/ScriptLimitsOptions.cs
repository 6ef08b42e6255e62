namespace Ferry.Cli.Commands.Eval;

/// <summary>--timeout and --memory-limit applied to a set of script limits (shared by eval and migrate).</summary>
public static class ScriptLimitsOptions
{
    public static Ferry.Scripting.ScriptLimits Apply(Ferry.Scripting.ScriptLimits limits, int? timeoutSeconds, int? memoryLimitMiB) => (timeoutSeconds, memoryLimitMiB) switch
    {
        ( < 0, _) => throw new Core.Errors.UserInputException($"--timeout {timeoutSeconds}: expected seconds, 0 for no limit"),
        (_, < 0) => throw new Core.Errors.UserInputException($"--memory-limit {memoryLimitMiB}: expected MiB, 0 for no limit"),
        _ => limits with
        {
            Timeout = timeoutSeconds is { } t ? (t <= 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(t)) : limits.Timeout,
            MemoryLimitBytes = memoryLimitMiB is { } m ? m * 1024L * 1024 : limits.MemoryLimitBytes,
        },
    };
}

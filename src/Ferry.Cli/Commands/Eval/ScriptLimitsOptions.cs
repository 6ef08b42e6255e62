namespace Ferry.Cli.Commands.Eval;

/// <summary>--timeout and --memory-limit applied to a set of script limits (shared by eval and migrate).</summary>
public static class ScriptLimitsOptions
{
    public static Ferry.Scripting.ScriptLimits Apply(Ferry.Scripting.ScriptLimits limits, int? timeoutSeconds, int? memoryLimitMiB) => limits with
    {
        Timeout = timeoutSeconds is { } t ? (t <= 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(t)) : limits.Timeout,
        MemoryLimitBytes = memoryLimitMiB is { } m ? Math.Max(0, m) * 1024L * 1024 : limits.MemoryLimitBytes,
    };
}

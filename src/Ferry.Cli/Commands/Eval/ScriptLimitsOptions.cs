using Spectre.Console;

namespace Ferry.Cli.Commands.Eval;

/// <summary>--timeout and --memory-limit: checked, and applied to a set of script limits (shared by eval and migrate).</summary>
public static class ScriptLimitsOptions
{
    /// <summary>For a settings class's <c>Validate()</c>: a negative limit is bad input, not "no limit".</summary>
    public static ValidationResult Validate(int? timeoutSeconds, int? memoryLimitMiB) => (timeoutSeconds, memoryLimitMiB) switch
    {
        ( < 0, _) => ValidationResult.Error($"--timeout {timeoutSeconds}: expected seconds, 0 for no limit"),
        (_, < 0) => ValidationResult.Error($"--memory-limit {memoryLimitMiB}: expected MiB, 0 for no limit"),
        _ => ValidationResult.Success(),
    };

    /// <summary>Applies limits already checked by <see cref="Validate"/> (0 means no limit).</summary>
    public static Ferry.Scripting.ScriptLimits Apply(Ferry.Scripting.ScriptLimits limits, int? timeoutSeconds, int? memoryLimitMiB) => limits with
    {
        Timeout = timeoutSeconds is { } t ? (t <= 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(t)) : limits.Timeout,
        MemoryLimitBytes = memoryLimitMiB is { } m ? m * 1024L * 1024 : limits.MemoryLimitBytes,
    };
}

namespace Ferry.Scripting;

/// <summary>
/// The limits every script runs under, so a runaway <c>eval</c> or migration fails with a clear message instead
/// of hanging or exhausting the machine. Defaults: 10 minutes, 512 MiB of heap growth, recursion depth 512,
/// no statement limit (migrations loop over data, so a statement count says little).
/// </summary>
public sealed record ScriptLimits
{
    public static readonly ScriptLimits Default = new();

    /// <summary>Wall-clock budget for the whole script, including the store calls it makes and its promises.
    /// <see cref="Timeout.InfiniteTimeSpan"/> or zero removes the limit.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How far the managed heap may grow above its size when the script started, in bytes (0: no limit).
    /// Live memory, not total allocation: Jint's own <c>LimitMemory</c> counts every byte ever allocated on the
    /// thread, garbage included, so a migration streaming a large collection would trip it.</summary>
    public long MemoryLimitBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>Maximum number of statements (0: no limit).</summary>
    public int MaxStatements { get; init; }

    /// <summary>Maximum call depth of script functions. Recursion this does not count (deep nesting walked by
    /// <c>JSON.stringify</c>, getters, Proxy chains) is stopped by the stack guard before the stack runs out.</summary>
    public int MaxRecursionDepth { get; init; } = 512;

    /// <summary>How long one regular-expression match may run (capped by <see cref="Timeout"/>); a catastrophic
    /// pattern fails the script after this instead of hanging it. 5 s, as <c>$regex</c> in queries.</summary>
    public TimeSpan MaxRegexMatchTime { get; init; } = TimeSpan.FromSeconds(5);
}

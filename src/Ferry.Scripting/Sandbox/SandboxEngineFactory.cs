using Jint;
using Jint.Constraints;

namespace Ferry.Scripting.Sandbox;

/// <summary>
/// Builds the Jint engine every script runs in: no CLR interop (no <c>AllowClr</c>, so no <c>System</c>,
/// <c>importNamespace</c> or host types), no modules loader, <c>require</c>, file system or network — the only
/// way out of the sandbox is the <c>db</c> object and helpers Ferry installs — and the limits of
/// <see cref="ScriptLimits"/>: one deadline for the whole operation (module body, <c>up()</c> and its promises),
/// heap growth, statements, recursion and regular-expression matches.
/// </summary>
/// <remarks>
/// Deep recursion must end as a script error, never as a native stack overflow (which .NET cannot catch: the whole
/// process dies). Two layers do that. <c>LimitRecursion</c> is the policy: it counts calls of one function
/// definition, so <c>function f(n){return f(n+1)}</c> fails at <see cref="ScriptLimits.MaxRecursionDepth"/>.
/// It cannot see recursion that is not a script calling itself — <c>JSON.stringify</c>, <c>String()</c> or
/// <c>flat()</c> of a deeply nested value, bound-function and Proxy chains, getters, <c>eval</c>'d code — so
/// Jint's <c>StackOverflowGuard</c> is on as well: it measures the stack left (the runtime's own
/// <c>TryEnsureSufficientExecutionStack</c>) on every entry into a function and in those recursive built-ins, and
/// throws a catchable <c>RangeError: Maximum call stack size exceeded</c> while there is still stack to unwind on.
/// Measuring beats the alternative of a thread with a big stack plus a depth counter: a script can build nesting
/// deeper than any fixed stack holds within its memory limit, and a counter would have to live inside every Jint
/// built-in. Ferry's own recursive host code (the BSON converters, EJSON parsing) keeps a depth limit and probes
/// the same way (<see cref="Conversion.NestingGuard"/>).
/// </remarks>
internal static class SandboxEngineFactory
{
    public static SandboxEngine Create(ScriptLimits limits, TimeProvider time, CancellationToken cancellationToken)
    {
        var deadline = new OperationDeadlineConstraint();
        var heap = limits.MemoryLimitBytes > 0 ? new HeapGrowthConstraint(limits.MemoryLimitBytes) : null;
        var engine = new Engine(options =>
        {
            options.Strict = false;
            options.TimeSystem = new ClockTimeSystem(time, options.TimeSystem);
            options.Interop.Enabled = false;
            options.Constraint(deadline);
            if (heap is not null)
            {
                options.Constraint(heap);

                // The heap check runs between statements, so one built-in call (new Array(5e8).fill(1.5)) could grow
                // the heap by gigabytes before it looked. Arrays are held to what the limit can store on allocation:
                // every element costs at least a reference.
                options.Constraints.MaxArraySize = MaxArrayElements(limits.MemoryLimitBytes);
            }

            if (limits.MaxStatements > 0)
            {
                options.MaxStatements(limits.MaxStatements);
            }

            if (limits.MaxRecursionDepth > 0)
            {
                options.LimitRecursion(limits.MaxRecursionDepth);
            }

            options.Constraints.StackOverflowGuard = true;
            options.RegexTimeoutInterval(RegexMatchTimeout(limits));
            options.Constraints.PromiseTimeout = HasTimeout(limits) ? limits.Timeout : System.Threading.Timeout.InfiniteTimeSpan;
        });
        deadline.Begin(HasTimeout(limits) ? limits.Timeout : System.Threading.Timeout.InfiniteTimeSpan, cancellationToken);
        heap?.Rebase();
        return new SandboxEngine(engine, deadline, limits);
    }

    /// <summary>
    /// How long one regular-expression match may run: <see cref="ScriptLimits.MaxRegexMatchTime"/>, and never longer
    /// than the script's own time limit. A match runs inside the regex engine, where the script's deadline is not
    /// checked (and .NET fixes a regex's timeout when it is built), so this is what keeps a catastrophic pattern
    /// such as <c>/(a+)+$/</c> from overrunning the deadline by more than one match.
    /// </summary>
    internal static TimeSpan RegexMatchTimeout(ScriptLimits limits) =>
        HasTimeout(limits) && limits.Timeout < limits.MaxRegexMatchTime ? limits.Timeout : limits.MaxRegexMatchTime;

    /// <summary>The most array elements a script may hold under a memory limit of <paramref name="limitBytes"/>.</summary>
    internal static uint MaxArrayElements(long limitBytes) => (uint)Math.Min(uint.MaxValue, Math.Max(1, limitBytes / IntPtr.Size));

    internal static bool HasTimeout(ScriptLimits limits) =>
        limits.Timeout > TimeSpan.Zero && limits.Timeout != System.Threading.Timeout.InfiniteTimeSpan;
}

/// <summary>A sandboxed engine and its operation deadline (ended when the script is done).</summary>
internal sealed class SandboxEngine(Engine engine, OperationDeadlineConstraint deadline, ScriptLimits limits) : IDisposable
{
    public Engine Engine { get; } = engine;

    public ScriptLimits Limits { get; } = limits;

    public void Dispose()
    {
        deadline.End();
        Engine.Dispose();
    }
}

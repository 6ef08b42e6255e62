using Jint;
using Jint.Constraints;

namespace Ferry.Scripting.Sandbox;

/// <summary>
/// Builds the Jint engine every script runs in: no CLR interop (no <c>AllowClr</c>, so no <c>System</c>,
/// <c>importNamespace</c> or host types), no modules loader, <c>require</c>, file system or network — the only
/// way out of the sandbox is the <c>db</c> object and helpers Ferry installs — and the limits of
/// <see cref="ScriptLimits"/>: one deadline for the whole operation (module body, <c>up()</c> and its promises),
/// heap growth, statements and recursion.
/// </summary>
internal static class SandboxEngineFactory
{
    public static SandboxEngine Create(ScriptLimits limits, CancellationToken cancellationToken)
    {
        var deadline = new OperationDeadlineConstraint();
        var heap = limits.MemoryLimitBytes > 0 ? new HeapGrowthConstraint(limits.MemoryLimitBytes) : null;
        var engine = new Engine(options =>
        {
            options.Strict = false;
            options.Interop.Enabled = false;
            options.Constraint(deadline);
            if (heap is not null)
            {
                options.Constraint(heap);
            }

            if (limits.MaxStatements > 0)
            {
                options.MaxStatements(limits.MaxStatements);
            }

            if (limits.MaxRecursionDepth > 0)
            {
                options.LimitRecursion(limits.MaxRecursionDepth);
            }

            options.Constraints.PromiseTimeout = HasTimeout(limits) ? limits.Timeout : System.Threading.Timeout.InfiniteTimeSpan;
        });
        deadline.Begin(HasTimeout(limits) ? limits.Timeout : System.Threading.Timeout.InfiniteTimeSpan, cancellationToken);
        heap?.Rebase();
        return new SandboxEngine(engine, deadline, limits);
    }

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

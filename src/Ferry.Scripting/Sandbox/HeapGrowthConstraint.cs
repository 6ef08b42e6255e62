using Jint;
using Jint.Runtime;

namespace Ferry.Scripting.Sandbox;

/// <summary>
/// Fails a script once the managed heap has grown by more than a limit since the script started. The cheap
/// reading (<see cref="GC.GetTotalMemory(bool)"/> without collecting) includes garbage, so only when it is over
/// the limit is a full collection forced and the reading taken again: garbage never fails a script, live data does.
/// The reading is process-wide; with the default limit (hundreds of MiB) other work in the process is noise.
/// </summary>
internal sealed class HeapGrowthConstraint(long limitBytes) : Constraint
{
    // Measured after a full collection: garbage left by earlier work would otherwise raise the baseline, and a script
    // could then grow its live data by that much more before the limit noticed.
    private long _baseline = GC.GetTotalMemory(true);

    public override bool IsAmortizable => true;

    public override void Check()
    {
        if (GC.GetTotalMemory(false) - _baseline <= limitBytes)
        {
            return;
        }

        var live = GC.GetTotalMemory(true) - _baseline;
        if (live > limitBytes)
        {
            throw new MemoryLimitExceededException(
                $"script memory limit exceeded: the heap grew by {live / (1024 * 1024)} MiB, the limit is {limitBytes / (1024 * 1024)} MiB");
        }
    }

    public override void Reset()
    {
        // Every top-level entry (Execute, Invoke) resets constraints; the baseline is kept from the first one so
        // a migration's up() cannot escape the limit by being entered separately from its module's body.
    }

    /// <summary>Starts measuring from now.</summary>
    public void Rebase() => _baseline = GC.GetTotalMemory(true);
}

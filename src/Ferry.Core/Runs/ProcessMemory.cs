namespace Ferry.Core.Runs;

/// <summary>
/// The process's memory against the memory it may use (the container limit or the machine's RAM, as the GC sees it):
/// the guide's <c>migration_memory_usage</c>, a ratio from 0 to 1.
/// </summary>
public static class ProcessMemory
{
    public static double UsageRatio()
    {
        var available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return available <= 0 ? 0 : Math.Clamp((double)Environment.WorkingSet / available, 0, 1);
    }
}

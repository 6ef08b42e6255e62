namespace Ferry.Core.Storage;

/// <summary>
/// A database that can rebuild and compact itself as a whole (the embedded store: REINDEX, ANALYZE, VACUUM of its
/// file). Databases without it are compacted collection by collection with the <c>compact</c> command (MongoDB).
/// </summary>
public interface IStoreMaintenance
{
    Task<StoreOptimization> OptimizeAsync(CancellationToken cancellationToken = default);
}

/// <summary>What an optimisation did: the steps run, and the storage size before and after (bytes).</summary>
public sealed record StoreOptimization(IReadOnlyList<string> Steps, long BytesBefore, long BytesAfter)
{
    public long BytesReclaimed => Math.Max(0, BytesBefore - BytesAfter);
}

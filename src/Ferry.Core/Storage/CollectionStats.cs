namespace Ferry.Core.Storage;

public sealed record CollectionStats(
    string Namespace,
    long Count,
    long DataSize,
    long AverageObjectSize,
    long StorageSize,
    int IndexCount,
    long TotalIndexSize,
    IReadOnlyDictionary<string, long> IndexSizes);

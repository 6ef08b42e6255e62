namespace Ferry.Core.Storage;

public sealed record DatabaseStats(
    string Database,
    int Collections,
    long Objects,
    long DataSize,
    long StorageSize,
    int Indexes,
    long IndexSize);

namespace Ferry.Serve.Protocol;

/// <summary>MongoDB's limits, announced in hello and enforced on every message read.</summary>
public static class WireLimits
{
    /// <summary>maxBsonObjectSize: 16 MiB per document.</summary>
    public const int MaxBsonObjectSize = 16 * 1024 * 1024;

    /// <summary>maxMessageSizeBytes: 48 MB per message; a larger claimed length closes the connection.</summary>
    public const int MaxMessageSizeBytes = 48_000_000;

    /// <summary>maxWriteBatchSize: documents per write command.</summary>
    public const int MaxWriteBatchSize = 100_000;

    /// <summary>MongoDB 8.0's wire version (7.0 is 21), the version the embedded store is held to.</summary>
    public const int MaxWireVersion = 25;

    public const int HeaderSize = 16;
}

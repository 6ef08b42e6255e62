using MongoDB.Bson;

namespace Ferry.Core.Assessment;

/// <summary>
/// The result of <see cref="MigrationEstimator"/>: the steps in order with measured estimates, the confidence, the
/// resources (backup disk with and without gzip, memory, cores) and the maintenance window.
/// </summary>
public sealed record MigrationPlan(string Type, string Database, IReadOnlyList<PlanStep> Steps)
{
    public double TotalSeconds => Steps.Sum(s => s.Seconds);

    /// <summary>high, medium or low, from the share of documents timed and how steady the timing was.</summary>
    public string Confidence { get; init; } = "low";

    /// <summary>The estimate may be off by this fraction either way (0.25 = ±25 %).</summary>
    public double Uncertainty { get; init; } = 1;

    public string ConfidenceReason { get; init; } = "";

    public IReadOnlyList<string> DependencyOrder { get; init; } = [];

    public long Documents { get; init; }

    public long SampledDocuments { get; init; }

    public long DataSize { get; init; }

    public long BackupBytes { get; init; }

    public long BackupGzipBytes { get; init; }

    public long MemoryBytes { get; init; }

    public int Cores { get; init; }

    /// <summary>The recommended window: the estimate with the margin, rounded up to a whole minute.</summary>
    public TimeSpan Window { get; init; }

    /// <summary>required, brief (at the switch-over) or not required, from the kind of change.</summary>
    public string ApplicationStop { get; init; } = "required";

    public string ApplicationStopReason { get; init; } = "";

    public DateTimeOffset PlannedAt { get; init; }

    public BsonDocument ToBson() => new()
    {
        { "type", Type },
        { "database", Database },
        { "plannedAt", PlannedAt.UtcDateTime },
        { "documents", Documents },
        { "sampledDocuments", SampledDocuments },
        { "dependencyOrder", new BsonArray(DependencyOrder) },
        { "steps", new BsonArray(Steps.Select(s => s.ToBson())) },
        { "totalSeconds", Math.Round(TotalSeconds, 2) },
        { "confidence", new BsonDocument { { "level", Confidence }, { "uncertainty", Uncertainty }, { "reason", ConfidenceReason } } },
        {
            "resources", new BsonDocument
            {
                { "dataSize", DataSize },
                { "backupBytes", BackupBytes },
                { "backupGzipBytes", BackupGzipBytes },
                { "memoryBytes", MemoryBytes },
                { "cores", Cores },
            }
        },
        {
            "window", new BsonDocument
            {
                { "seconds", (long)Window.TotalSeconds },
                { "margin", "estimate × margin, rounded up to a minute" },
                { "applicationStop", ApplicationStop },
                { "reason", ApplicationStopReason },
            }
        },
    };
}

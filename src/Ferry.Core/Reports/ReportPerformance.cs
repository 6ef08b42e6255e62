using MongoDB.Bson;

namespace Ferry.Core.Reports;

/// <summary>
/// The guide's <c>performance_metrics</c>: the run's overall rate (processed documents over its duration), the peak
/// rate and peak memory among its progress samples, and the journal's last per-collection metrics as recorded.
/// </summary>
public sealed record ReportPerformance(double DocumentsPerSecond, double PeakDocumentsPerSecond, double PeakMemoryRatio, int SampleCount, BsonDocument LastMetrics)
{
    public BsonDocument ToBson() => new()
    {
        { "documents_per_second", DocumentsPerSecond },
        { "peak_documents_per_second", PeakDocumentsPerSecond },
        { "peak_memory_ratio", PeakMemoryRatio },
        { "sample_count", SampleCount },
        { "last_metrics", LastMetrics },
    };
}

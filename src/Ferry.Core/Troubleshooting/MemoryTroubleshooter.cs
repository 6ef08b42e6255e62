using Ferry.Core.Indexes;
using Ferry.Core.Runs;
using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Core.Troubleshooting;

/// <summary>
/// <c>ferry troubleshoot memory</c>: this process's and the machine's memory, the largest collections and documents,
/// and the batch size and partitions that fit, computed from them: a batch is held per worker, so
/// workers × batch × (largest document) must stay within a small share of the available memory.
/// </summary>
public sealed class MemoryTroubleshooter(IDocumentDatabase database)
{
    /// <summary>Share of the available memory all workers' batches together may use.</summary>
    public const double BatchMemoryShare = 0.05;

    /// <summary>Collections above this size are worth reading in parallel partitions.</summary>
    public const long PartitionThreshold = 512L * 1024 * 1024;

    private const long PartitionSize = 256L * 1024 * 1024;
    private const long BsonLimit = 16L * 1024 * 1024;

    public long ScanLimit { get; init; } = 100_000;

    public async Task<TroubleshootReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var gc = GC.GetGCMemoryInfo();
        var available = Math.Min(MachineMemory.AvailableBytes() ?? long.MaxValue, gc.TotalAvailableMemoryBytes);
        var cores = Environment.ProcessorCount;
        var names = await new IndexCatalog(database).CollectionsAsync(null, cancellationToken).ConfigureAwait(false);
        var stats = new List<CollectionStats>();
        foreach (var name in names)
        {
            stats.Add(await database.GetCollection(name).GetStatsAsync(cancellationToken).ConfigureAwait(false));
        }

        var biggest = stats.OrderByDescending(s => s.DataSize).Take(5).ToList();
        var (documents, complete) = await LargestDocuments.FindAsync(database, names, 5, ScanLimit, cancellationToken).ConfigureAwait(false);
        var largestDocument = documents.Count > 0 ? documents[0].Bytes : 0;
        var basis = Math.Max(largestDocument, stats.Count > 0 ? stats.Max(s => s.AverageObjectSize) * 2 : 0);
        var batch = basis == 0 ? 1000 : (int)Math.Clamp(available * BatchMemoryShare / cores / basis, 10, 10_000);
        var ratio = ProcessMemory.UsageRatio();

        var facts = new BsonDocument
        {
            { "process_working_set_bytes", Environment.WorkingSet },
            { "managed_heap_bytes", GC.GetTotalMemory(false) },
            { "memory_limit_bytes", gc.TotalAvailableMemoryBytes },
            { "machine_available_bytes", available },
            { "process_usage_ratio", Math.Round(ratio, 3) },
            { "cores", cores },
            { "largest_collections", new BsonArray(biggest.Select(s => new BsonDocument { { "namespace", s.Namespace }, { "count", s.Count }, { "data_bytes", s.DataSize }, { "average_document_bytes", s.AverageObjectSize } })) },
            { "largest_documents", new BsonArray(documents.Select(d => new BsonDocument { { "collection", d.Collection }, { "_id", d.Id }, { "bytes", d.Bytes } })) },
            { "largest_documents_complete", complete },
        };

        var findings = new List<TroubleFinding>();
        if (ratio > 0.8)
        {
            findings.Add(new TroubleFinding("memory_pressure", $"this process uses {ratio:P0} of its memory limit"));
        }

        foreach (var document in documents.Where(d => d.Bytes > BsonLimit / 2))
        {
            findings.Add(new TroubleFinding("large_document", $"{Describe(document)} is {document.Bytes / (1024.0 * 1024):0.0} MiB, over half the 16 MiB BSON limit: a transform that adds fields may push it over"));
        }

        var recommendations = new List<string>
        {
            $"--batch-size {batch}: {cores} worker(s) × {batch} documents × {basis:N0} bytes (the largest document, or twice the average) ≈ {(double)cores * batch * basis / (1024 * 1024):0.0} MiB, {BatchMemoryShare:P0} of the {available / (1024.0 * 1024 * 1024):0.0} GiB available",
        };
        foreach (var big in stats.Where(s => s.DataSize > PartitionThreshold).OrderByDescending(s => s.DataSize))
        {
            var partitions = (int)Math.Min(cores * 4L, (big.DataSize + PartitionSize - 1) / PartitionSize);
            recommendations.Add($"{big.Namespace}: {big.DataSize / (1024.0 * 1024 * 1024):0.00} GiB — read it in --partitions {partitions} (about {big.DataSize / partitions / (1024 * 1024):N0} MiB each)");
        }

        if (!complete)
        {
            recommendations.Add($"largest documents: only the first {ScanLimit:N0} documents of each collection were read (--scan-limit)");
        }

        return new TroubleshootReport("memory", facts, findings, recommendations);

        static string Describe(DocumentSize document) => $"{document.Collection} _id {document.Id}";
    }
}

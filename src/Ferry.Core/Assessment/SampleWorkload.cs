using System.Diagnostics;
using Ferry.Core.Storage;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;

namespace Ferry.Core.Assessment;

/// <summary>
/// The work a migration does to each document, reduced to its cost: read it from the source (streamed, in
/// <c>_id</c> order), turn it into a document and back (the transform), and write it in batches to a target.
/// <c>ferry plan</c> times it on a bounded sample into a scratch database; run without a limit it is the real
/// copy the estimate predicts (the plan test compares the two).
/// </summary>
public static class SampleWorkload
{
    public const int BatchSize = 1000;

    /// <summary>Copies up to <paramref name="limit"/> documents (all when null) of <paramref name="collection"/> and
    /// returns what it measured, one timing per batch (for the estimate's confidence).</summary>
    public static async Task<WorkloadTiming> RunAsync(IDocumentDatabase source, IDocumentDatabase target, string collection, long? limit, CancellationToken cancellationToken = default)
    {
        var into = target.GetCollection(collection);
        var batch = new List<WriteRequest>(BatchSize);
        var batchSeconds = new List<double>();
        long documents = 0, bytes = 0;
        var total = Stopwatch.StartNew();
        var perBatch = Stopwatch.StartNew();
        await foreach (var raw in source.GetCollection(collection).ScanAsync(new ScanOptions { Limit = limit, BatchSize = BatchSize }, cancellationToken).ConfigureAwait(false))
        {
            using (raw)
            {
                var copy = new byte[raw.Slice.Length];
                raw.Slice.GetBytes(0, copy, 0, copy.Length);
                bytes += copy.Length;
                batch.Add(new InsertRequest(BsonSerializer.Deserialize<BsonDocument>(copy)));
            }

            documents++;
            if (batch.Count == BatchSize)
            {
                await into.BulkWriteAsync(batch, cancellationToken: cancellationToken).ConfigureAwait(false);
                batch.Clear();
                batchSeconds.Add(perBatch.Elapsed.TotalSeconds);
                perBatch.Restart();
            }
        }

        if (batch.Count > 0)
        {
            await into.BulkWriteAsync(batch, cancellationToken: cancellationToken).ConfigureAwait(false);
            batchSeconds.Add(perBatch.Elapsed.TotalSeconds * BatchSize / batch.Count);
        }

        return new WorkloadTiming(collection, documents, bytes, total.Elapsed, batchSeconds);
    }
}

/// <summary>What <see cref="SampleWorkload"/> measured on one collection; <see cref="BatchSeconds"/> are per full batch.</summary>
public sealed record WorkloadTiming(string Collection, long Documents, long Bytes, TimeSpan Elapsed, IReadOnlyList<double> BatchSeconds)
{
    public double SecondsPerDocument => Documents == 0 ? 0 : Elapsed.TotalSeconds / Documents;

    /// <summary>Coefficient of variation of the batch times (0 steady; above 0.5 noisy).</summary>
    public double Variation
    {
        get
        {
            if (BatchSeconds.Count < 2)
            {
                return 1;
            }

            var mean = BatchSeconds.Average();
            return mean <= 0 ? 1 : Math.Sqrt(BatchSeconds.Sum(s => (s - mean) * (s - mean)) / (BatchSeconds.Count - 1)) / mean;
        }
    }
}

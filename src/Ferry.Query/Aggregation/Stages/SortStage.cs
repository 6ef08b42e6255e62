using System.Runtime.CompilerServices;
using Ferry.Query.Aggregation.Accumulators;
using Ferry.Query.Common;
using Ferry.Query.Sorting;
using MongoDB.Bson;

namespace Ferry.Query.Aggregation.Stages;

/// <summary>
/// $sort: a stable sort in MongoDB's order. Followed directly by $limit it keeps only the best N documents
/// (top-k), so memory is bounded by the limit rather than the input. Blocking; bounded by the memory limit.
/// </summary>
internal sealed class SortStage(BsonDocument spec) : PipelineStage
{
    private readonly SortSpec _sort = SortSpec.Parse(spec);

    public override string Name => "$sort";

    /// <summary>When set, only this many leading documents are kept (a coalesced $limit).</summary>
    public long? Limit { get; set; }

    public static SortStage Parse(BsonValue value)
    {
        if (value is not BsonDocument spec)
        {
            throw ErrorCodes.Create(15973, "the $sort key specification must be an object");
        }

        if (spec.ElementCount == 0)
        {
            throw ErrorCodes.Create(15976, "$sort stage must have at least one sort key");
        }

        foreach (var element in spec)
        {
            var ok = element.Value.IsNumeric && Math.Abs(element.Value.ToDouble()) == 1 ||
                element.Value is BsonDocument { ElementCount: 1 } meta && meta.GetElement(0).Name == "$meta";
            if (!ok)
            {
                throw ErrorCodes.Create(15975, "$sort key ordering must be 1 (for ascending) or -1 (for descending)");
            }
        }

        return new SortStage(spec);
    }

    public override async IAsyncEnumerable<BsonDocument> RunAsync(IAsyncEnumerable<BsonDocument> input, PipelineRun run,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var budget = new MemoryBudget(run.Context.MemoryLimitBytes,
            "Sort exceeded memory limit of " + run.Context.MemoryLimitBytes + " bytes, but did not opt in to external sorting.");
        var buffer = new List<(BsonDocument Document, long Sequence, long Size)>();
        long sequence = 0;
        var comparer = Comparer<(BsonDocument Document, long Sequence, long Size)>.Create((a, b) =>
        {
            var c = _sort.Compare(a.Document, b.Document);
            return c != 0 ? c : a.Sequence.CompareTo(b.Sequence);
        });
        await foreach (var document in input.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var size = AccumulatorKinds.SizeOf(document);
            budget.Add(size);
            buffer.Add((document, sequence++, size));
            if (Limit is { } k && buffer.Count >= Math.Max(2 * k, 64))
            {
                // Keep the best k; the sequence number keeps the sort stable.
                buffer.Sort(comparer);
                foreach (var dropped in buffer.Skip((int)k))
                {
                    budget.Release(dropped.Size);
                }

                buffer.RemoveRange((int)k, buffer.Count - (int)k);
            }
        }

        buffer.Sort(comparer);
        var count = Limit is { } limit ? Math.Min(limit, buffer.Count) : buffer.Count;
        for (var i = 0; i < count; i++)
        {
            yield return buffer[i].Document;
        }
    }
}

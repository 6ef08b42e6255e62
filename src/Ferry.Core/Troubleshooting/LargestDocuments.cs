using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Core.Troubleshooting;

/// <summary>One document's stored size.</summary>
public sealed record DocumentSize(string Collection, BsonValue Id, long Bytes);

/// <summary>
/// The largest documents of a database, found by streaming each collection's raw BSON (sizes read from the bytes,
/// nothing parsed) up to a per-collection limit; only the top N are held.
/// </summary>
public static class LargestDocuments
{
    public static async Task<(IReadOnlyList<DocumentSize> Largest, bool Complete)> FindAsync(IDocumentDatabase database, IReadOnlyList<string> collections, int top, long scanLimit, CancellationToken cancellationToken)
    {
        var largest = new PriorityQueue<DocumentSize, long>();
        var complete = true;
        foreach (var name in collections)
        {
            long read = 0;
            await foreach (var raw in database.GetCollection(name).ScanAsync(null, cancellationToken).ConfigureAwait(false))
            {
                using (raw)
                {
                    var bytes = raw.Slice.Length;
                    if (largest.Count < top || bytes > largest.Peek().Bytes)
                    {
                        largest.Enqueue(new DocumentSize(name, raw["_id"].DeepClone(), bytes), bytes);
                        if (largest.Count > top)
                        {
                            largest.Dequeue();
                        }
                    }
                }

                if (++read >= scanLimit)
                {
                    complete = false;
                    break;
                }
            }
        }

        var list = new List<DocumentSize>();
        while (largest.TryDequeue(out var each, out _))
        {
            list.Add(each);
        }

        list.Reverse();
        return (list, complete);
    }
}

using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Store.Mongo;

/// <summary>
/// Cuts a request list into consecutive batches of at most <see cref="MaxCount"/> requests and about
/// <see cref="MaxBytes"/> bytes of BSON, well under MongoDB's 48 MB message limit (the driver splits again
/// by the server's exact limits; this keeps each call's memory and error report bounded).
/// </summary>
internal static class WriteBatcher
{
    public const int MaxCount = 10_000;

    public const long MaxBytes = 16L * 1024 * 1024;

    /// <summary>Start index and length of each batch.</summary>
    public static IEnumerable<(int Start, int Count)> Split(IReadOnlyList<WriteRequest> requests, int maxCount = MaxCount, long maxBytes = MaxBytes)
    {
        var start = 0;
        long bytes = 0;
        for (var i = 0; i < requests.Count; i++)
        {
            var size = BsonSizeEstimator.Estimate(requests[i]);
            if (i > start && (i - start >= maxCount || bytes + size > maxBytes))
            {
                yield return (start, i - start);
                start = i;
                bytes = 0;
            }

            bytes += size;
        }

        if (requests.Count > start)
        {
            yield return (start, requests.Count - start);
        }
    }
}

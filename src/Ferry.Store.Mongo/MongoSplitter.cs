using Ferry.Core.Storage;
using Ferry.Query.Common;
using MongoDB.Bson;
using MongoDB.Driver;
using AggregateOptions = MongoDB.Driver.AggregateOptions;

namespace Ferry.Store.Mongo;

/// <summary>
/// Splits a collection into <c>_id</c> ranges for parallel readers. Boundaries come from <c>$bucketAuto</c>
/// on <c>_id</c> (exact, even buckets; reads every <c>_id</c> from the index) for collections up to
/// <see cref="ExactSplitLimit"/> documents, and from a <c>$sample</c> of <c>_id</c>s (cheap, roughly even)
/// above it. Correctness never depends on the boundaries being even: ranges are consecutive half-open
/// intervals [b<sub>i</sub>, b<sub>i+1</sub>) from the start to the end of BSON order, so every document
/// falls in exactly one, whatever its <c>_id</c> type (see <see cref="IdRangeFilter"/>).
/// </summary>
internal static class MongoSplitter
{
    public const long ExactSplitLimit = 200_000;

    private const int SamplesPerRange = 50;

    public static async Task<IReadOnlyList<IdRange>> SplitAsync(IMongoCollection<BsonDocument> collection, int count, CancellationToken cancellationToken)
    {
        if (count <= 1)
        {
            return [new IdRange(null, null)];
        }

        var documents = await collection.EstimatedDocumentCountAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        if (documents <= 1)
        {
            return [new IdRange(null, null)];
        }

        var boundaries = documents <= ExactSplitLimit
            ? await BucketBoundariesAsync(collection, count, cancellationToken).ConfigureAwait(false)
            : await SampleBoundariesAsync(collection, count, documents, cancellationToken).ConfigureAwait(false);
        return ToRanges(boundaries);
    }

    /// <summary>Consecutive ranges from the start, through each distinct boundary, to the end.</summary>
    internal static IReadOnlyList<IdRange> ToRanges(IEnumerable<BsonValue> boundaries)
    {
        var distinct = boundaries
            .Where(b => b.BsonType != BsonType.MinKey)
            .Distinct(BsonValueComparer.Instance)
            .Order(BsonValueComparer.Instance)
            .ToList();
        var ranges = new List<IdRange>(distinct.Count + 1);
        BsonValue? previous = null;
        foreach (var boundary in distinct)
        {
            ranges.Add(new IdRange(previous, boundary));
            previous = boundary;
        }

        ranges.Add(new IdRange(previous, null));
        return ranges;
    }

    private static async Task<List<BsonValue>> BucketBoundariesAsync(IMongoCollection<BsonDocument> collection, int count, CancellationToken cancellationToken)
    {
        // Each bucket's _id.min is inclusive; the first one is the collection's smallest _id, so it is skipped.
        var pipeline = new[]
        {
            new BsonDocument("$bucketAuto", new BsonDocument { { "groupBy", "$_id" }, { "buckets", count } }),
        };
        using var cursor = await collection.AggregateAsync<BsonDocument>(pipeline, new AggregateOptions { AllowDiskUse = true }, cancellationToken).ConfigureAwait(false);
        var buckets = await cursor.ToListAsync(cancellationToken).ConfigureAwait(false);
        return buckets.Skip(1).Select(b => b["_id"]["min"]).ToList();
    }

    private static async Task<List<BsonValue>> SampleBoundariesAsync(IMongoCollection<BsonDocument> collection, int count, long documents, CancellationToken cancellationToken)
    {
        var sampleSize = (int)Math.Min(documents, (long)count * SamplesPerRange);
        var pipeline = new[]
        {
            new BsonDocument("$sample", new BsonDocument("size", sampleSize)),
            new BsonDocument("$project", new BsonDocument("_id", 1)),
        };
        using var cursor = await collection.AggregateAsync<BsonDocument>(pipeline, new AggregateOptions { AllowDiskUse = true }, cancellationToken).ConfigureAwait(false);
        var ids = (await cursor.ToListAsync(cancellationToken).ConfigureAwait(false))
            .Select(d => d["_id"])
            .Order(BsonValueComparer.Instance)
            .ToList();
        var boundaries = new List<BsonValue>(count - 1);
        for (var i = 1; i < count; i++)
        {
            boundaries.Add(ids[(int)((long)i * ids.Count / count)]);
        }

        return boundaries;
    }
}

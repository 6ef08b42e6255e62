using MongoDB.Bson;

namespace Ferry.Core.Storage;

/// <summary>Options of <see cref="IDocumentCollection.ScanAsync"/>.</summary>
public sealed record ScanOptions
{
    /// <summary>MongoDB filter; null scans everything.</summary>
    public BsonDocument? Filter { get; init; }

    /// <summary>MongoDB projection; null returns whole documents byte-for-byte.</summary>
    public BsonDocument? Projection { get; init; }

    /// <summary>Resume strictly after this <c>_id</c> (in <c>_id</c> order); for checkpoints.</summary>
    public BsonValue? AfterId { get; init; }

    /// <summary>Only documents whose <c>_id</c> lies in this range (from <see cref="IDocumentCollection.SplitAsync"/>).</summary>
    public IdRange? Partition { get; init; }

    /// <summary>Documents fetched per round trip / per read transaction.</summary>
    public int BatchSize { get; init; } = 1000;

    /// <summary>Stop after this many documents; null for no limit.</summary>
    public long? Limit { get; init; }
}

/// <summary>Options of <see cref="IDocumentCollection.FindAsync"/>.</summary>
public sealed record FindOptions
{
    public BsonDocument? Sort { get; init; }

    public BsonDocument? Projection { get; init; }

    public long? Skip { get; init; }

    public long? Limit { get; init; }

    public int BatchSize { get; init; } = 1000;
}

/// <summary>
/// A half-open range of <c>_id</c> values in MongoDB's order: <see cref="Min"/> inclusive (null: from the start),
/// <see cref="Max"/> exclusive (null: to the end).
/// </summary>
public sealed record IdRange(BsonValue? Min, BsonValue? Max);

public sealed record BulkWriteOptions
{
    /// <summary>Ordered stops at the first error; unordered (default, faster) attempts every request.</summary>
    public bool IsOrdered { get; init; }

    /// <summary>Skip the collection's validator (MongoDB's bypassDocumentValidation), e.g. when restoring a backup.</summary>
    public bool BypassDocumentValidation { get; init; }
}

public enum ReturnDocument
{
    Before,
    After,
}

public sealed record FindOneAndModifyOptions
{
    public BsonDocument? Sort { get; init; }

    public BsonDocument? Projection { get; init; }

    public bool IsUpsert { get; init; }

    public ReturnDocument ReturnDocument { get; init; } = ReturnDocument.Before;

    public IReadOnlyList<BsonDocument>? ArrayFilters { get; init; }
}

public sealed record AggregateOptions
{
    public int BatchSize { get; init; } = 1000;

    /// <summary>Let blocking stages ($group, $sort) use temporary storage beyond the memory limit.</summary>
    public bool AllowDiskUse { get; init; } = true;
}

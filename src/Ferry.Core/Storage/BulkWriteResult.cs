using Ferry.Query.Common;
using MongoDB.Bson;

namespace Ferry.Core.Storage;

/// <summary>Counts of a bulk write, as MongoDB's BulkWriteResult reports them.</summary>
public sealed record BulkWriteResult
{
    public static readonly BulkWriteResult Empty = new();

    public long InsertedCount { get; init; }

    public long MatchedCount { get; init; }

    public long ModifiedCount { get; init; }

    public long DeletedCount { get; init; }

    public long UpsertedCount => Upserts.Count;

    /// <summary>Upserted documents: the index of the request and the new <c>_id</c>.</summary>
    public IReadOnlyList<BulkWriteUpsert> Upserts { get; init; } = [];

    /// <summary>The <c>_id</c>s of inserted documents by request index (including ones the store generated).</summary>
    public IReadOnlyDictionary<int, BsonValue> InsertedIds { get; init; } = new Dictionary<int, BsonValue>();
}

public sealed record BulkWriteUpsert(int Index, BsonValue Id);

/// <summary>One failed operation of a bulk write: its index in the request list and MongoDB's code and message.</summary>
public sealed record BulkWriteError(int Index, int Code, string CodeName, string Message);

/// <summary>
/// A bulk write in which some operations failed (MongoDB's BulkWriteException): the result of the ones that
/// succeeded and one error per failed operation. Unordered writes report every failure; ordered ones the first.
/// </summary>
public sealed class BulkWriteFailedException : MqlException
{
    public BulkWriteFailedException(BulkWriteResult result, IReadOnlyList<BulkWriteError> errors)
        : base(errors.Count > 0 ? errors[0].Code : ErrorCodes.OperationFailed,
               errors.Count > 0 ? errors[0].CodeName : "OperationFailed",
               Describe(errors))
    {
        Result = result;
        WriteErrors = errors;
    }

    public BulkWriteResult Result { get; }

    public IReadOnlyList<BulkWriteError> WriteErrors { get; }

    private static string Describe(IReadOnlyList<BulkWriteError> errors) =>
        errors.Count switch
        {
            0 => "bulk write failed",
            1 => $"bulk write failed at operation {errors[0].Index}: {errors[0].Message}",
            _ => $"bulk write failed at {errors.Count} operations; first at {errors[0].Index}: {errors[0].Message}",
        };
}

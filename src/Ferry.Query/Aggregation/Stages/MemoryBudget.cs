using Ferry.Query.Common;

namespace Ferry.Query.Aggregation.Stages;

/// <summary>Counts the bytes a blocking stage holds and fails with 292 when the context's limit is passed.</summary>
internal sealed class MemoryBudget(long limit, string exceededMessage)
{
    public long Used { get; private set; }

    public void Add(long bytes)
    {
        Used += bytes;
        if (Used > limit)
        {
            throw ErrorCodes.Create(ErrorCodes.QueryExceededMemoryLimitNoDiskUseAllowed, exceededMessage);
        }
    }

    public void Release(long bytes) => Used -= bytes;
}

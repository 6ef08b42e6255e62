using MongoDB.Bson;

namespace Ferry.Core.Indexes;

/// <summary>One declared index after <c>ferry indexes apply</c>: <c>created</c> (with the build time) or <c>exists</c> (identical, nothing done).</summary>
public sealed record AppliedIndex(string Collection, string Name, string Status, TimeSpan BuildTime)
{
    public const string Created = "created";
    public const string Exists = "exists";

    public BsonDocument ToBson() => new()
    {
        { "collection", Collection },
        { "name", Name },
        { "status", Status },
        { "build_ms", (long)BuildTime.TotalMilliseconds },
    };
}

/// <summary>The result of <c>ferry indexes apply</c>.</summary>
public sealed record IndexApplyResult(IReadOnlyList<AppliedIndex> Indexes)
{
    public int Created => Indexes.Count(i => i.Status == AppliedIndex.Created);

    public BsonDocument ToBson() => new()
    {
        { "created", Created },
        { "unchanged", Indexes.Count - Created },
        { "indexes", new BsonArray(Indexes.Select(i => i.ToBson())) },
    };
}

using MongoDB.Bson;

namespace Ferry.Core.Plans;

/// <summary>A query timed before and after the data steps; its median latency is the performance baseline.</summary>
public sealed record PlanProbe(string Name, string Collection, BsonDocument Filter)
{
    /// <summary>The database queried (default: the plan's).</summary>
    public string? Database { get; init; }

    /// <summary>How many times it is run; the median is kept.</summary>
    public int Runs { get; init; } = 5;
}

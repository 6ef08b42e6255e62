using MongoDB.Bson;

namespace Ferry.Query.Common;

/// <summary>
/// What evaluation needs from outside: the clock ($$NOW, $currentDate), user variables (<c>let</c>),
/// and a memory budget for blocking stages. Injected, never static, so tests are exact.
/// </summary>
public sealed record QueryContext
{
    public static readonly QueryContext Default = new();

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Variables from a command's <c>let</c>, visible as <c>$$name</c>.</summary>
    public BsonDocument Variables { get; init; } = new();

    /// <summary>Bytes a blocking stage ($sort, $group) may hold before it fails with code 292.</summary>
    public long MemoryLimitBytes { get; init; } = 100L * 1024 * 1024;
}

using MongoDB.Bson;

namespace Ferry.Core.Health;

/// <summary>The outcome of one check: ok, warn (worth knowing, not a failure), fail, or skip (not applicable here).</summary>
public sealed record HealthCheckResult(string Name, string Status, string Message)
{
    public const string Ok = "ok";
    public const string Warn = "warn";
    public const string Fail = "fail";
    public const string Skip = "skip";

    public BsonDocument Details { get; init; } = new();

    public double DurationMs { get; init; }

    public BsonDocument ToBson() => new()
    {
        { "name", Name },
        { "status", Status },
        { "message", Message },
        { "durationMs", Math.Round(DurationMs, 2) },
        { "details", Details },
    };
}

/// <summary><c>ferry health</c>'s result: healthy when no check failed. <see cref="ToBson"/> is the <c>--json</c> output
/// and what a plan's health step records.</summary>
public sealed record HealthReport(string Store, IReadOnlyList<HealthCheckResult> Checks)
{
    public bool Healthy => Checks.All(c => c.Status != HealthCheckResult.Fail);

    public DateTimeOffset CheckedAt { get; init; }

    public BsonDocument ToBson() => new()
    {
        { "store", Store },
        { "healthy", Healthy },
        { "checkedAt", CheckedAt.UtcDateTime },
        { "checks", new BsonArray(Checks.Select(c => c.ToBson())) },
    };
}

using Ferry.Core.Hooks;
using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Core.Emergency;

/// <summary>
/// What <c>ferry emergency recover</c> did: the backup restored (and its restore runs), whether the restore verified,
/// the hooks and smoke checks, the health check. <see cref="Problems"/> empty means the store is back.
/// </summary>
public sealed record EmergencyRecoverResult(string RunId)
{
    public string? BackupTag { get; init; }

    public IReadOnlyList<string> RestoreRunIds { get; init; } = [];

    public long Documents { get; init; }

    public bool Verified { get; init; }

    /// <summary>Collections the backup did not hold (created after it), renamed aside rather than left beside the recovered data.</summary>
    public IReadOnlyList<QuarantinedCollection> QuarantinedCollections { get; init; } = [];

    public IReadOnlyList<HookResult> Hooks { get; init; } = [];

    public IReadOnlyList<HookResult> Smoke { get; init; } = [];

    /// <summary>The health check: the store answered and, on the embedded store, its files passed quick_check.</summary>
    public string Health { get; init; } = "not checked";

    public IReadOnlyList<string> Problems { get; init; } = [];

    public bool Ok => Problems.Count == 0;

    public BsonDocument ToBson() => new()
    {
        { "ok", Ok },
        { "runId", RunId },
        { "backupTag", (BsonValue?)BackupTag ?? BsonNull.Value },
        { "restoreRunIds", new BsonArray(RestoreRunIds) },
        { "documents", Documents },
        { "verified", Verified },
        { "quarantinedCollections", new BsonArray(QuarantinedCollections.Select(q => q.ToBson())) },
        { "hooks", new BsonArray(Hooks.Select(h => h.ToBson())) },
        { "smoke", new BsonArray(Smoke.Select(h => h.ToBson())) },
        { "health", Health },
        { "problems", new BsonArray(Problems.Select(UriRedactor.RedactText)) },
    };
}

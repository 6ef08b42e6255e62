using Ferry.Core.Hooks;
using Ferry.Core.Runs;
using MongoDB.Bson;

namespace Ferry.Core.Plans;

/// <summary>
/// What a rollback did: the hooks it ran, the backup it restored, and whether the databases verified against the
/// baseline. <see cref="Status"/> is <see cref="RunStatus.RolledBack"/> only when they did; otherwise
/// <see cref="RunStatus.RollbackFailed"/> with <see cref="Differences"/> saying what differs.
/// </summary>
public sealed record PlanRollbackResult(string Status, string BackupTag, IReadOnlyList<string> Differences, IReadOnlyList<HookResult> Hooks)
{
    public bool Verified => Status == RunStatus.RolledBack;

    /// <summary>One line for people.</summary>
    public string Describe() => Verified
        ? $"rolled back to backup {BackupTag}, verified against the baseline"
        : $"ROLLBACK FAILED (backup {BackupTag}): {string.Join("; ", Differences)}";

    public BsonDocument ToBson() => new()
    {
        { "status", Status },
        { "verified", Verified },
        { "backup_tag", BackupTag },
        { "differences", new BsonArray(Differences) },
        { "hooks", new BsonArray(Hooks.Select(h => h.ToBson())) },
    };
}

using MongoDB.Bson;

namespace Ferry.Core.Migrations;

/// <summary>
/// What the automatic rollback of a failed <c>migrate up|down</c> did: the database's user collections put back as they
/// were before the run (from its pre-migration backup) and verified, or why not. A rollback that could not be verified
/// is a failure of its own (<see cref="RollbackFailed"/>), never reported as done.
/// </summary>
public sealed record MigrationRollback(string Status, string? BackupTag, IReadOnlyList<string> Details)
{
    /// <summary>Restored and verified: every collection's count and content checksum equal the backup's.</summary>
    public const string RolledBack = "rolled_back";

    /// <summary>Attempted, but the restore failed or the collections differ from the backup (<see cref="Details"/> says how).</summary>
    public const string RollbackFailed = "rollback_failed";

    /// <summary>Not attempted: the run took no backup (<c>--no-backup</c>), so there is nothing to roll back to.</summary>
    public const string NoBackup = "no_backup";

    /// <summary>The tag used when the database had no user collections before the run (rolling back drops those it created).</summary>
    public const string EmptyDatabase = "(empty database)";

    public bool Succeeded => Status == RolledBack;

    public BsonDocument ToBson() => new()
    {
        { "status", Status },
        { "rolledBack", Succeeded },
        { "verified", Succeeded },
        { "backupTag", (BsonValue?)BackupTag ?? BsonNull.Value },
        { "details", new BsonArray(Details) },
    };

    /// <summary>One line for people: "rolled back to backup TAG, verified", or what went wrong.</summary>
    public string Describe() => Status switch
    {
        RolledBack => BackupTag == EmptyDatabase
            ? "rolled back to the empty database it was before the run (removed the collections the run created), verified"
            : $"rolled back to backup {BackupTag}, verified",
        NoBackup => "not rolled back: the run took no backup (--no-backup); the failed migration's writes stay",
        _ => $"ROLLBACK FAILED (backup {BackupTag ?? "none"}): {string.Join("; ", Details)}",
    };
}

using MongoDB.Bson;

namespace Ferry.Core.Schema;

/// <summary>The outcome of <c>ferry schema diff</c> or <c>apply</c>: the changes (to make, or made) and, for an apply,
/// its run and the backup taken before destructive changes.</summary>
public sealed record SchemaResult(string Database, string File, IReadOnlyList<SchemaChange> Changes)
{
    public bool Applied { get; init; }

    public bool DryRun { get; init; }

    public string? RunId { get; init; }

    public string? BackupTag { get; init; }

    /// <summary>For <c>diff --emit-migration</c>: the migration file written.</summary>
    public string? MigrationFile { get; init; }

    public bool InSync => Changes.Count == 0;

    public BsonDocument ToBson() => new()
    {
        { "database", Database },
        { "file", File },
        { "in_sync", InSync },
        { "applied", Applied },
        { "dry_run", DryRun },
        { "run_id", (BsonValue?)RunId ?? BsonNull.Value },
        { "backup_tag", (BsonValue?)BackupTag ?? BsonNull.Value },
        { "migration_file", (BsonValue?)MigrationFile ?? BsonNull.Value },
        { "changes", new BsonArray(Changes.Select(c => c.ToBson())) },
        { "destructive", Changes.Count(c => c.Destructive) },
    };
}

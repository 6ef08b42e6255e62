namespace Ferry.Core.Backup;

/// <summary>What <see cref="BackupService.RestoreAsync"/> restores, from where, and how.</summary>
public sealed record RestoreOptions
{
    /// <summary>A backup of the catalog (under <see cref="BackupRoot"/>); or null with <see cref="FromPath"/>.</summary>
    public string? Tag { get; init; }

    /// <summary>A plain mongodump folder or archive file (gzipped or not) outside the catalog.</summary>
    public string? FromPath { get; init; }

    /// <summary>The backup root (catalog and restore checkpoints).</summary>
    public string BackupRoot { get; init; } = "backups";

    /// <summary>Only this source database.</summary>
    public string? Database { get; init; }

    /// <summary>Restore into this database instead (needs a single source database).</summary>
    public string? ToDatabase { get; init; }

    /// <summary>Drop each target collection first (otherwise non-empty targets are refused).</summary>
    public bool Drop { get; init; }

    /// <summary>mongorestore-style namespace patterns (<c>db.coll</c>, <c>*</c> wildcards) to include; empty = all.</summary>
    public IReadOnlyList<string> NsInclude { get; init; } = [];

    public IReadOnlyList<string> NsExclude { get; init; } = [];

    /// <summary>Collections restored (and decompressed) at the same time.</summary>
    public int Parallel { get; init; } = 4;

    /// <summary>How the restore takes the run lock of each database it writes.</summary>
    public Runs.RunLockOptions Lock { get; init; } = new();

    /// <summary>A run lock the caller already holds (a failed migration rolling its database back): the restore writes
    /// that database under it instead of taking its lock again, which would wait for the caller itself.</summary>
    public Runs.DatabaseRunLock? HeldLock { get; init; }

    /// <summary>Report what would be restored without writing anything.</summary>
    public bool DryRun { get; init; }

    /// <summary>Replace documents by <c>_id</c> (insert when absent) instead of insert-only; allows non-empty targets.</summary>
    public bool Upsert { get; init; }

    /// <summary>Continue an interrupted restore after its last committed batch per collection.</summary>
    public bool Resume { get; init; }

    /// <summary>Replay the dump's oplog (inserts, updates incl. $v:2 deltas, deletes, applyOps, create/drop/index commands) after the data; otherwise it is skipped with a warning.</summary>
    public bool OplogReplay { get; init; }

    public int BatchSize { get; init; } = 1000;
}

namespace Ferry.Core.Backup;

/// <summary>What <see cref="BackupService.CreateAsync"/> dumps, where and how.</summary>
public sealed record BackupOptions
{
    /// <summary>Databases to dump; empty (or the single name "all") means every database but <c>local</c> and <c>config</c>.</summary>
    public IReadOnlyList<string> Databases { get; init; } = [];

    /// <summary>Only these collections (by name) of the chosen databases; empty means all.</summary>
    public IReadOnlyList<string> Collections { get; init; } = [];

    /// <summary>The backup's name; its folder is <c>OutputRoot/Tag</c>.</summary>
    public required string Tag { get; init; }

    /// <summary>The backup root, holding one folder per backup and the catalog.</summary>
    public string OutputRoot { get; init; } = "backups";

    /// <summary>gzip each file (directory layout) or the whole archive.</summary>
    public bool Gzip { get; init; }

    /// <summary>Write one mongodump archive instead of the directory layout.</summary>
    public bool Archive { get; init; }

    /// <summary>The archive's file name inside the backup folder (default <c>dump.archive</c>, <c>.gz</c> added with gzip).</summary>
    public string? ArchiveFileName { get; init; }

    /// <summary>Collections dumped at the same time.</summary>
    public int Parallel { get; init; } = 4;

    /// <summary>An emergency backup: the tag is prefixed with <c>emergency-</c> and the catalog marks it.</summary>
    public bool Emergency { get; init; }

    /// <summary>Documents per archive segment / read batch.</summary>
    public int BatchSize { get; init; } = 1000;
}

/// <summary>Progress of a backup or restore: one namespace's documents and bytes so far.</summary>
public sealed record BackupProgress(string Namespace, long Documents, long Bytes, bool Completed);

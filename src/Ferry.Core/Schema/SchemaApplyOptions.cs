using Ferry.Core.Runs;

namespace Ferry.Core.Schema;

public sealed record SchemaApplyOptions
{
    /// <summary>Apply destructive changes (drop an index, a collection, an undeclared reference document).</summary>
    public bool AllowDrop { get; init; }

    /// <summary>Only work out the changes; write nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>Where the verified backup before destructive changes goes.</summary>
    public string BackupRoot { get; init; } = "backups";

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public RunLockOptions Lock { get; init; } = new();
}

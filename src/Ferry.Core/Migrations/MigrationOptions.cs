namespace Ferry.Core.Migrations;

/// <summary>What <c>ferry migrate up</c> applies and what it tolerates.</summary>
public sealed record UpOptions
{
    /// <summary>Apply pending migrations up to and including this version (all when null).</summary>
    public MigrationVersion? To { get; init; }

    /// <summary>Apply only this one pending version.</summary>
    public MigrationVersion? Only { get; init; }

    /// <summary>Run the selected migrations against a recording store that captures each write (namespace, filter,
    /// update, documents it would touch) and writes nothing — no lock, changelog, history or backup either.</summary>
    public bool DryRun { get; init; }

    /// <summary>Go on although an applied migration's file changed since it was applied.</summary>
    public bool AllowChanged { get; init; }

    /// <summary>Apply a pending version lower than the highest applied one.</summary>
    public bool AllowOutOfOrder { get; init; }

    /// <summary>Skip the pre-migration backup (taken only when the runner has an <see cref="IPreMigrationBackup"/>).</summary>
    public bool NoBackup { get; init; }

    /// <summary>On a failure, leave the database as the failed migration left it (and name the restore command)
    /// instead of restoring the run's pre-migration backup (see <see cref="MigrationRunner"/>).</summary>
    public bool NoAutoRollback { get; init; }
}

/// <summary>What <c>ferry migrate down</c> rolls back.</summary>
public sealed record DownOptions(MigrationVersion Version)
{
    /// <summary>Also roll back every applied migration above <see cref="Version"/>, newest first.</summary>
    public bool Cascade { get; init; }

    /// <summary>Run the down parts against a recording store (see <see cref="UpOptions.DryRun"/>).</summary>
    public bool DryRun { get; init; }

    /// <summary>Skip the pre-migration backup (taken only when the runner has an <see cref="IPreMigrationBackup"/>).</summary>
    public bool NoBackup { get; init; }

    /// <summary>On a failure, leave the database as the failed migration left it (and name the restore command)
    /// instead of restoring the run's pre-migration backup (see <see cref="MigrationRunner"/>).</summary>
    public bool NoAutoRollback { get; init; }
}

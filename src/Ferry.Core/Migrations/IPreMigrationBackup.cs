using Ferry.Core.Runs;
using Ferry.Core.Storage;

namespace Ferry.Core.Migrations;

/// <summary>
/// Takes a backup of a database before <c>migrate up</c> changes it, returning the backup's tag (recorded in the
/// changelog entries of the run), or null when there is nothing to protect; and puts the database back from it when a
/// migration of the run fails. <see cref="StoreBackupBeforeMigration"/> implements it over the backup feature; when
/// none is configured, <c>up</c> runs without a backup (as with <c>--no-backup</c>) and a failure is not rolled back.
/// </summary>
public interface IPreMigrationBackup
{
    Task<string?> BackupAsync(IDocumentDatabase database, string runId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Puts the database's user collections back as they were in backup <paramref name="tag"/> (null: the database
    /// had none before the run) under the run lock the caller holds, leaving Ferry's own <c>_ferry_*</c> collections
    /// as they are, and verifies the result against the backup. Never throws for a failed rollback: it is a result.
    /// </summary>
    Task<MigrationRollback> RollBackAsync(IDocumentDatabase database, string? tag, DatabaseRunLock heldLock, CancellationToken cancellationToken = default);
}

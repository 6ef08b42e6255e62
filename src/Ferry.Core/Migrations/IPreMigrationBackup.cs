using Ferry.Core.Storage;

namespace Ferry.Core.Migrations;

/// <summary>
/// Takes a backup of a database before <c>migrate up</c> changes it, returning the backup's tag (recorded in the
/// changelog entries of the run), or null when there is nothing to protect. <see cref="StoreBackupBeforeMigration"/>
/// implements it over the backup feature; when none is configured, <c>up</c> runs without a backup (as with
/// <c>--no-backup</c>).
/// </summary>
public interface IPreMigrationBackup
{
    Task<string?> BackupAsync(IDocumentDatabase database, string runId, CancellationToken cancellationToken = default);
}

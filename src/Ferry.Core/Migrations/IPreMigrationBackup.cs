using Ferry.Core.Storage;

namespace Ferry.Core.Migrations;

/// <summary>
/// Takes a backup of a database before <c>migrate up</c> changes it, returning the backup's tag (recorded in the
/// changelog entries of the run). Implemented over the backup feature; when none is configured, <c>up</c> runs
/// without a backup (the same as <c>--no-backup</c>).
/// </summary>
public interface IPreMigrationBackup
{
    Task<string> BackupAsync(IDocumentDatabase database, string runId, CancellationToken cancellationToken = default);
}

using System.Text.RegularExpressions;
using Ferry.Core.Backup;
using Ferry.Core.Storage;

namespace Ferry.Core.Migrations;

/// <summary>
/// The pre-migration backup: before <c>migrate up</c> or <c>down</c> changes a database that holds data, a full backup
/// of that database is taken with the backup feature under <c>pre-migration-DB-RUNID</c> in <paramref name="backupRoot"/>
/// (mongodump directory layout, restorable with <c>ferry backup</c>) and verified; no migration runs unless it verifies. A database with no collections
/// besides Ferry's bookkeeping has nothing to protect and is not backed up.
/// </summary>
public sealed partial class StoreBackupBeforeMigration(BackupService service, string backupRoot) : IPreMigrationBackup
{
    public async Task<string?> BackupAsync(IDocumentDatabase database, string runId, CancellationToken cancellationToken = default)
    {
        var collections = await database.ListCollectionsAsync(cancellationToken).ConfigureAwait(false);
        if (!collections.Any(c => !c.Name.StartsWith("_ferry_", StringComparison.Ordinal)))
        {
            return null;
        }

        var tag = BackupTag.Validate(Unsafe().Replace($"pre-migration-{database.Name}-{runId}", "_"));
        var options = new BackupOptions { Databases = [database.Name], Tag = tag[..Math.Min(tag.Length, 128)], OutputRoot = backupRoot };
        var result = await service.CreateAsync(database.Store, options, null, cancellationToken).ConfigureAwait(false);
        var report = await service.VerifyAsync(backupRoot, result.Tag, cancellationToken).ConfigureAwait(false);
        if (!report.Ok)
        {
            throw new Errors.OperationFailedException($"the backup taken before migrating {database.Name} ({result.Tag}) failed verification: {report.Problems[0]}; no migration was run");
        }

        return result.Tag;
    }

    [GeneratedRegex("[^A-Za-z0-9._-]", RegexOptions.CultureInvariant)]
    private static partial Regex Unsafe();
}

using System.Text.RegularExpressions;
using Ferry.Core.Backup;
using Ferry.Core.Runs;
using Ferry.Core.Storage;

namespace Ferry.Core.Migrations;

/// <summary>
/// The pre-migration backup: before <c>migrate up</c> or <c>down</c> changes a database that holds data, a full backup
/// of that database is taken with the backup feature under <c>pre-migration-DB-RUNID</c> in <paramref name="backupRoot"/>
/// (mongodump directory layout, restorable with <c>ferry backup</c>) and verified; no migration runs unless it verifies. A database with no collections
/// besides Ferry's bookkeeping has nothing to protect and is not backed up.
/// <para>Rolling back after a failed migration restores the backup's user collections (dropping each first), drops the
/// user collections the run created (not in the backup), keeps <c>_ferry_*</c> (changelog, history, lock) as they are,
/// then checks every user collection against the backup: same set of collections, and per collection the same number
/// of documents and the same content checksum (<see cref="CollectionDigest"/>).</para>
/// </summary>
public sealed partial class StoreBackupBeforeMigration(BackupService service, string backupRoot) : IPreMigrationBackup
{
    public async Task<string?> BackupAsync(IDocumentDatabase database, string runId, CancellationToken cancellationToken = default)
    {
        var collections = await database.ListCollectionsAsync(cancellationToken).ConfigureAwait(false);
        if (!collections.Any(c => !IsFerrys(c.Name)))
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

    public async Task<MigrationRollback> RollBackAsync(IDocumentDatabase database, string? tag, DatabaseRunLock heldLock, CancellationToken cancellationToken = default)
    {
        var label = tag ?? MigrationRollback.EmptyDatabase;
        try
        {
            var inBackup = new Dictionary<string, DumpNamespace>(StringComparer.Ordinal);
            if (tag is not null)
            {
                var dump = await DumpSource.OpenAsync(new BackupCatalog(backupRoot).FolderOf(tag), cancellationToken).ConfigureAwait(false);
                foreach (var ns in dump.Namespaces.Where(n => n.Database == database.Name && !IsFerrys(n.Collection)))
                {
                    inBackup[ns.Collection] = ns;
                }
            }

            // The collections the run created did not exist before it: the state being restored has none of them.
            foreach (var created in await UserCollectionsAsync(database, cancellationToken).ConfigureAwait(false))
            {
                if (!inBackup.ContainsKey(created))
                {
                    await database.DropCollectionAsync(created, cancellationToken).ConfigureAwait(false);
                }
            }

            if (inBackup.Count > 0)
            {
                var restore = await service.RestoreAsync(
                    database.Store,
                    new RestoreOptions { Tag = tag, BackupRoot = backupRoot, Database = database.Name, Drop = true, NsExclude = [database.Name + "._ferry_*"], HeldLock = heldLock },
                    null,
                    cancellationToken).ConfigureAwait(false);
                if (!restore.Ok)
                {
                    var problems = restore.Failure is { } failure ? [failure.Message] : restore.Namespaces.SelectMany(n => n.Problems.Select(p => n.Target + ": " + p)).ToList();
                    return new MigrationRollback(MigrationRollback.RollbackFailed, label, problems);
                }
            }

            var differences = await DifferencesAsync(database, inBackup, cancellationToken).ConfigureAwait(false);
            return new MigrationRollback(differences.Count == 0 ? MigrationRollback.RolledBack : MigrationRollback.RollbackFailed, label, differences);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new MigrationRollback(MigrationRollback.RollbackFailed, label, [e.Message]);
        }
    }

    /// <summary>How the database's user collections differ from the backup's; empty when they are the same.</summary>
    private static async Task<List<string>> DifferencesAsync(IDocumentDatabase database, Dictionary<string, DumpNamespace> inBackup, CancellationToken cancellationToken)
    {
        var differences = new List<string>();
        var now = await UserCollectionsAsync(database, cancellationToken).ConfigureAwait(false);
        differences.AddRange(now.Where(c => !inBackup.ContainsKey(c)).Select(c => $"{database.Name}.{c}: exists, but is not in the backup"));
        foreach (var (name, ns) in inBackup.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!now.Contains(name))
            {
                differences.Add($"{database.Name}.{name}: missing (the backup has it)");
                continue;
            }

            if (ns.Metadata.IsView)
            {
                continue; // a view holds no documents of its own: its source collection is compared
            }

            var expected = ns.DataFile is null ? default : await CollectionDigest.OfFileAsync(ns.DataFile, ns.DataLabel ?? ns.DataFile, cancellationToken).ConfigureAwait(false);
            var actual = await CollectionDigest.OfCollectionAsync(database.GetCollection(name), cancellationToken).ConfigureAwait(false);
            if (actual != expected)
            {
                differences.Add($"{database.Name}.{name}: holds {actual}, the backup {expected}");
            }
        }

        return differences;
    }

    private static async Task<HashSet<string>> UserCollectionsAsync(IDocumentDatabase database, CancellationToken cancellationToken) =>
        (await database.ListCollectionsAsync(cancellationToken).ConfigureAwait(false)).Select(c => c.Name).Where(n => !IsFerrys(n)).ToHashSet(StringComparer.Ordinal);

    private static bool IsFerrys(string collection) => collection.StartsWith("_ferry_", StringComparison.Ordinal);

    [GeneratedRegex("[^A-Za-z0-9._-]", RegexOptions.CultureInvariant)]
    private static partial Regex Unsafe();
}

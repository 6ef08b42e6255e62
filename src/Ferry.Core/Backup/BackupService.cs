using Ferry.Core.Errors;
using Ferry.Core.Storage;

namespace Ferry.Core.Backup;

/// <summary>
/// <c>ferry backup</c>: create tagged backups of a store in mongodump's directory or archive layout (with a Ferry
/// manifest), list and verify them, find the newest good one, and restore a backup — or any plain mongodump output —
/// into a store. Works on any <see cref="IDocumentStore"/>.
/// </summary>
public sealed class BackupService(TimeProvider? timeProvider = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>Streams every chosen collection into <c>OutputRoot/TAG</c>; visible only once complete.</summary>
    public Task<BackupResult> CreateAsync(IDocumentStore store, BackupOptions options, IProgress<BackupProgress>? progress = null, CancellationToken cancellationToken = default) =>
        new BackupCreator(_time).CreateAsync(store, options, progress, cancellationToken);

    /// <summary>Complete backups under <paramref name="backupRoot"/>, newest first, with their last verification.</summary>
    public Task<IReadOnlyList<BackupEntry>> ListAsync(string backupRoot, CancellationToken cancellationToken = default) =>
        new BackupCatalog(backupRoot).ListAsync(cancellationToken);

    /// <summary>Re-reads every file of backup <paramref name="tag"/> and records the outcome in the catalog.</summary>
    public async Task<VerificationReport> VerifyAsync(string backupRoot, string tag, CancellationToken cancellationToken = default)
    {
        var catalog = new BackupCatalog(backupRoot);
        var folder = catalog.FolderOf(tag);
        var report = await new BackupVerifier(_time).VerifyAsync(folder, tag, cancellationToken).ConfigureAwait(false);
        await catalog.RecordVerificationAsync(tag, new VerificationRecord(report.Ok, report.At, report.Problems.Count), cancellationToken).ConfigureAwait(false);
        return report;
    }

    /// <summary>The newest backup that verifies now (each candidate is verified, newest first); null when none does.</summary>
    public async Task<(BackupEntry Entry, VerificationReport Report)?> LastGoodAsync(string backupRoot, CancellationToken cancellationToken = default)
    {
        foreach (var entry in await ListAsync(backupRoot, cancellationToken).ConfigureAwait(false))
        {
            var report = await VerifyAsync(backupRoot, entry.Tag, cancellationToken).ConfigureAwait(false);
            if (report.Ok)
            {
                return (entry with { Verification = new VerificationRecord(true, report.At, 0) }, report);
            }
        }

        return null;
    }

    /// <summary>Restores backup <see cref="RestoreOptions.Tag"/> or the dump at <see cref="RestoreOptions.FromPath"/> into <paramref name="target"/>.</summary>
    public Task<RestoreResult> RestoreAsync(IDocumentStore target, RestoreOptions options, IProgress<BackupProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        string source;
        if (options.Tag is not null && options.FromPath is not null)
        {
            throw new UserInputException("--tag and --from: give one, not both");
        }
        else if (options.Tag is not null)
        {
            source = new BackupCatalog(options.BackupRoot).FolderOf(options.Tag);
        }
        else if (options.FromPath is not null)
        {
            source = options.FromPath;
        }
        else
        {
            throw new UserInputException("--tag or --from: say which backup (a tag of the catalog) or dump (a mongodump folder or archive) to restore");
        }

        return new RestoreRunner(_time).RunAsync(source, target, options, progress, cancellationToken);
    }
}

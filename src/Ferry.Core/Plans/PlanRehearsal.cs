using Ferry.Core.Backup;
using Ferry.Core.Errors;
using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Core.Plans;

/// <summary>
/// <c>ferry rehearse PLAN --from-backup TAG|PATH</c>: restores the backup into a new embedded store in a temporary
/// folder, runs the whole plan there (its store rewritten to that one, its backups and report files written inside
/// that folder, its hooks, hook steps and HTTP smoke checks logged rather than run unless
/// <see cref="PlanRehearsalOptions.WithHooks"/>), and reports what production would see: per-step durations scaled
/// to the real store's size (counted read-only when reachable), the validation outcome, and the rollback threshold
/// that fired. Nothing is written to the real store.
/// </summary>
public sealed class PlanRehearsal(StoreRegistry stores, PlanRehearsalOptions options)
{
    /// <summary>Steps whose time grows with the documents they read or write; the others are taken as they ran.</summary>
    private static readonly HashSet<string> ScaledVerbs = [PlanVerbs.Backup, PlanVerbs.Migrate, PlanVerbs.Transform, PlanVerbs.Validate, PlanVerbs.Doctor];

    public async Task<PlanRehearsalResult> RunAsync(Plan plan, string database, CancellationToken cancellationToken = default)
    {
        var source = ResolveBackup(plan);
        var folder = PrepareFolder();
        try
        {
            var store = await stores.OpenAsync("file:" + Path.Combine(folder, "data"), cancellationToken).ConfigureAwait(false);
            await using (store.ConfigureAwait(false))
            {
                // The restore's checkpoints go in the rehearsal folder too: nothing is written beside the real backups.
                Report("restore", $"restoring {source.Label} into the rehearsal store {folder}");
                var restore = await new BackupService(options.Time).RestoreAsync(store, new RestoreOptions { FromPath = source.Path, BackupRoot = Path.Combine(folder, "restore") }, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (!restore.Ok)
                {
                    throw new UserInputException($"--from-backup {options.FromBackup}: the backup could not be restored: {restore.Failure?.Message ?? restore.Namespaces.SelectMany(n => n.Problems).FirstOrDefault()}");
                }

                var databases = RehearsedDatabases(plan, database);
                var rehearsed = await UserDocumentCounts.OfAsync(store, databases, cancellationToken).ConfigureAwait(false);
                var (real, note) = await CountRealStoreAsync(databases, cancellationToken).ConfigureAwait(false);
                var run = await new PlanRunner(store, new PlanRunOptions
                {
                    Time = options.Time,
                    MigrationScripts = options.MigrationScripts,
                    Progress = options.Progress,
                    ItemProgress = options.ItemProgress,
                    LogHooksInsteadOfRunning = !options.WithHooks,
                }).RunAsync(Rewrite(plan, folder), database, cancellationToken).ConfigureAwait(false);

                var steps = plan.Steps.Zip(run.Steps, (step, record) => Rehearsed(step, record, database, rehearsed, real)).ToList();
                return new PlanRehearsalResult(run, source.Label, steps)
                {
                    EstimateBasis = note is null ? "real store" : "backup",
                    EstimateNote = note,
                    RehearsedDocuments = rehearsed,
                    RealDocuments = real,
                    KeptStore = options.Keep is null ? null : folder,
                };
            }
        }
        finally
        {
            if (options.Keep is null)
            {
                TryDelete(folder);
            }
        }
    }

    /// <summary>A tag of the plan's backup folder, else a path; neither: bad input.</summary>
    private (string Path, string Label) ResolveBackup(Plan plan)
    {
        var given = options.FromBackup;
        if (string.IsNullOrWhiteSpace(given))
        {
            throw new UserInputException("--from-backup: expected a backup tag or the path of a backup");
        }

        var isName = given.IndexOfAny(['/', '\\']) < 0 && given is not "." and not "..";
        if (isName && Directory.Exists(Path.Combine(plan.BackupRoot, given)))
        {
            return (Path.Combine(plan.BackupRoot, given), $"backup {given} of {plan.BackupRoot}");
        }

        if (Directory.Exists(given) || File.Exists(given))
        {
            var full = Path.GetFullPath(given);
            return (full, full);
        }

        throw new UserInputException($"--from-backup {given}: no backup tagged {given} in {plan.BackupRoot} and no such file or folder");
    }

    private string PrepareFolder()
    {
        if (options.Keep is not { } keep)
        {
            var temporary = Path.Combine(Path.GetTempPath(), "ferry-rehearsal-" + Guid.NewGuid().ToString("N")[..12]);
            Directory.CreateDirectory(temporary);
            return temporary;
        }

        var full = Path.GetFullPath(keep);
        if (File.Exists(full) || (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any()))
        {
            throw new UserInputException($"--keep {keep}: expected a new or empty folder for the rehearsal store; {full} already holds something");
        }

        Directory.CreateDirectory(full);
        return full;
    }

    /// <summary>Every database the plan reads or writes: the plan's, each step's, each transform's source.</summary>
    private static List<string> RehearsedDatabases(Plan plan, string database) =>
        plan.Steps.SelectMany(s => new[] { s.Database, s.SourceDatabase }.Concat(s.Databases))
            .OfType<string>().Prepend(database).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The real store's counts, read only; when it cannot be counted, why (the estimate is then for the backup's size).</summary>
    private async Task<(Dictionary<string, long> Counts, string? Note)> CountRealStoreAsync(IReadOnlyList<string> databases, CancellationToken cancellationToken)
    {
        if (options.RealStoreUri is not { } uri)
        {
            return (new(), "the plan names no real store");
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(15));
            var store = await stores.OpenAsync(uri, timeout.Token).ConfigureAwait(false);
            await using (store.ConfigureAwait(false))
            {
                var counts = await UserDocumentCounts.OfAsync(store, databases, timeout.Token).ConfigureAwait(false);
                return counts.Count == 0 ? (counts, $"the real store {UriRedactor.Redact(uri)} has none of {string.Join(", ", databases)}") : (counts, null);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return (new(), $"the real store {UriRedactor.Redact(uri)} could not be counted: {UriRedactor.RedactText(e.Message)}");
        }
    }

    /// <summary>The plan pointed at the rehearsal folder: its backups and reports are written there, not beside the plan.</summary>
    private static Plan Rewrite(Plan plan, string folder) => plan with
    {
        Uri = null,
        BackupRoot = Path.Combine(folder, "backups"),
        Steps = plan.Steps.Select(s => s.Path is { } path ? s with { Path = Path.Combine(folder, "reports", Path.GetFileName(path)) } : s).ToList(),
    };

    private static RehearsedStep Rehearsed(PlanStep step, BsonDocument record, string database, Dictionary<string, long> rehearsed, Dictionary<string, long> real)
    {
        long? duration = record.GetValue("duration_ms", BsonNull.Value) is { IsNumeric: true } ms ? ms.ToInt64() : null;
        var read = step.Verb == PlanVerbs.Transform ? step.SourceDatabase! : step.Database ?? (step.Databases.Count > 0 ? step.Databases[0] : database);
        long? estimated = duration;
        if (duration is { } d && ScaledVerbs.Contains(step.Verb) && rehearsed.TryGetValue(read, out var then) && then > 0 && real.TryGetValue(read, out var now))
        {
            estimated = (long)Math.Round(d * ((double)now / then));
        }

        var summary = record.GetValue("summary", BsonNull.Value) is BsonString s ? s.Value : null;
        return new RehearsedStep(step.Name, step.Verb, record["status"].AsString, duration, estimated, summary);
    }

    private void Report(string step, string message) => options.Progress?.Report(new PlanProgress(step, 0, 0, "running", message));

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless; the rehearsal's outcome matters more than its cleanup.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

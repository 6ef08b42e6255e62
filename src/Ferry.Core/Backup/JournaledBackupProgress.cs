using Ferry.Core.Runs;

namespace Ferry.Core.Backup;

/// <summary>
/// Forwards a backup's or restore's progress to the caller's display and to its run in the journal, as
/// <c>collections.NAME</c> (processed = written = documents so far; the journal writes it about once a second).
/// </summary>
internal sealed class JournaledBackupProgress(JournaledRun run, IProgress<BackupProgress>? inner, IReadOnlyDictionary<string, long> totals) : IProgress<BackupProgress>
{
    private readonly bool _severalDatabases = totals.Keys.Select(DatabaseOf).Distinct(StringComparer.Ordinal).Skip(1).Any();

    /// <summary>The journal's name of a namespace: the collection, or DB/COLLECTION when the run spans several databases
    /// (a field name cannot hold the dot of a namespace).</summary>
    public string KeyOf(string ns) => (_severalDatabases ? ns.Replace('.', '/') : ns[(ns.IndexOf('.', StringComparison.Ordinal) + 1)..]).Replace('.', '_');

    public void Report(BackupProgress value)
    {
        inner?.Report(value);
        Track(value.Namespace, value.Documents);
    }

    /// <summary>Records a namespace's documents so far (or, at the end, its final count).</summary>
    public void Track(string ns, long documents) =>
        run.Track(KeyOf(ns), new CollectionProgress(documents, Math.Max(totals.GetValueOrDefault(ns), documents), documents, 0));

    private static string DatabaseOf(string ns) => ns[..Math.Max(0, ns.IndexOf('.', StringComparison.Ordinal))];
}

using Ferry.Core.Storage;

namespace Ferry.Core.Runs;

/// <summary>
/// The run locks of several databases of one store, for a run that writes them all (a restore of a whole backup).
/// They are taken in name order, so two such runs waiting for each other cannot deadlock, and released together.
/// </summary>
public sealed class RunLocks : IAsyncDisposable
{
    private readonly List<DatabaseRunLock> _held = [];

    private RunLocks()
    {
    }

    public IReadOnlyList<DatabaseRunLock> Held => _held;

    public static async Task<RunLocks> AcquireAsync(IDocumentStore store, IEnumerable<string> databases, string verb, RunLockOptions options, CancellationToken cancellationToken = default)
    {
        var locks = new RunLocks();
        try
        {
            foreach (var name in databases.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                locks._held.Add(await DatabaseRunLock.AcquireAsync(store.GetDatabase(name), verb, null, options, cancellationToken).ConfigureAwait(false));
            }
        }
        catch
        {
            await locks.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return locks;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var held in Enumerable.Reverse(_held))
        {
            await held.DisposeAsync().ConfigureAwait(false);
        }

        _held.Clear();
    }
}

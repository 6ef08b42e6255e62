using System.Collections.Concurrent;
using System.Security.Cryptography;
using Ferry.Core.Storage;
using MongoDB.Bson;

namespace Ferry.Core.Runs;

/// <summary>
/// One data-changing verb's run in the journal (<c>_ferry_runs</c>), in the shape transform's runs have: started with
/// its kind and spec, per-collection progress written about once a second, errors, and an end status with its reason.
/// Its <see cref="Token"/> is cancelled within about a second of a stop request (<see cref="RunStopWatcher"/>), so the
/// verb abandons its uncommitted batch and ends <c>stopped</c>. Verbs start one after their lock and their checks
/// (a refused or dry run writes no journal entry) and end it with exactly one of <see cref="CompleteAsync"/>,
/// <see cref="StoppedAsync"/> or <see cref="FailedAsync"/>.
/// </summary>
public sealed class JournaledRun : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, CollectionProgress> _pending = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _flush = new(1, 1);
    private readonly RunStopWatcher _watcher;
    private readonly DateTime _started;
    private readonly TimeProvider _time;
    private int _finished;

    private JournaledRun(RunJournal journal, string runId, string kind, TimeProvider time, CancellationToken cancellationToken)
    {
        Journal = journal;
        RunId = runId;
        Kind = kind;
        _time = time;
        _started = time.GetUtcNow().UtcDateTime;
        _watcher = RunStopWatcher.Start(journal, runId, cancellationToken, onPoll: FlushAsync);
    }

    public RunJournal Journal { get; }

    public string RunId { get; }

    public string Kind { get; }

    /// <summary>The verb's work runs under this token: cancelled by a stop request or by the caller.</summary>
    public CancellationToken Token => _watcher.Token;

    /// <summary>True once a stop request cancelled <see cref="Token"/>.</summary>
    public bool StopRequested => _watcher.StopRequested;

    /// <summary>A new run id: <c>KIND-yyyyMMdd-HHmmss-xxxxxx</c>, as transform's.</summary>
    public static string NewId(string kind, TimeProvider time) =>
        $"{kind}-{time.GetUtcNow().UtcDateTime:yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";

    /// <summary>Starts run <paramref name="runId"/> of <paramref name="kind"/> in <paramref name="database"/>'s journal.</summary>
    public static async Task<JournaledRun> StartAsync(IDocumentDatabase database, string runId, string kind, BsonDocument spec, TimeProvider time, CancellationToken cancellationToken)
    {
        var journal = new RunJournal(database, time);
        await journal.StartAsync(runId, kind, spec, cancellationToken).ConfigureAwait(false);
        return new JournaledRun(journal, runId, kind, time, cancellationToken);
    }

    /// <summary>Marks a stopped or killed run running again (a resume) and watches it.</summary>
    public static async Task<JournaledRun> ResumeAsync(IDocumentDatabase database, string runId, TimeProvider time, CancellationToken cancellationToken)
    {
        var journal = new RunJournal(database, time);
        var run = await journal.ResumeAsync(runId, cancellationToken).ConfigureAwait(false);
        return new JournaledRun(journal, runId, run["kind"].AsString, time, cancellationToken);
    }

    /// <summary>
    /// Records a collection's progress; it reaches the journal at the next poll (about once a second per collection)
    /// or when the run ends. Safe to call from progress callbacks on any thread.
    /// </summary>
    public void Track(string collection, CollectionProgress progress) => _pending[collection] = progress;

    /// <summary>Sets the verb's own fields of the run document (versions, direction, the backup restored).</summary>
    public Task SetAsync(BsonDocument fields, CancellationToken cancellationToken = default) => Journal.SetAsync(RunId, fields, cancellationToken);

    public Task SetBackupTagAsync(string tag, CancellationToken cancellationToken = default) => Journal.SetBackupTagAsync(RunId, tag, cancellationToken);

    /// <summary>Records an error of the run that does not end it (a rejected document, a failed namespace).</summary>
    public Task ErrorAsync(string message, CancellationToken cancellationToken = default) =>
        Journal.ErrorAsync(RunId, new BsonDocument { { "at", _time.GetUtcNow().UtcDateTime }, { "message", message } }, cancellationToken);

    /// <summary>Ends the run with <paramref name="status"/> (completed, failed, rolled_back…) after its last progress.</summary>
    public async Task CompleteAsync(string status = RunStatus.Completed, string? reason = null)
    {
        await FlushAsync(CancellationToken.None).ConfigureAwait(false);
        await FinishAsync(status, reason).ConfigureAwait(false);
    }

    /// <summary>Ends a run whose work a stop request cancelled; returns the one-line error for the caller to throw.</summary>
    public async Task<RunStoppedException> StoppedAsync(string resumeHint)
    {
        await FlushAsync(CancellationToken.None).ConfigureAwait(false);
        await FinishAsync(RunStatus.Stopped, "stop requested; the batch in progress was abandoned").ConfigureAwait(false);
        return new RunStoppedException(RunId, $"{Kind} run {RunId} stopped on request (the batch in progress was abandoned, nothing of it is counted); {resumeHint}");
    }

    /// <summary>Ends a run that <paramref name="error"/> ended: failed with its message, or stopped when it was Ctrl-C.</summary>
    public async Task FailedAsync(Exception error)
    {
        await FlushAsync(CancellationToken.None).ConfigureAwait(false);
        if (error is OperationCanceledException)
        {
            await FinishAsync(RunStatus.Stopped, "cancelled").ConfigureAwait(false);
            return;
        }

        await ErrorAsync(error.Message, CancellationToken.None).ConfigureAwait(false);
        await FinishAsync(RunStatus.Failed, error.Message).ConfigureAwait(false);
    }

    /// <summary>The run's elapsed time so far (by the run's clock).</summary>
    public TimeSpan Elapsed => _time.GetUtcNow().UtcDateTime - _started;

    private async Task FinishAsync(string status, string? reason)
    {
        if (Interlocked.Exchange(ref _finished, 1) == 0)
        {
            await Journal.FinishAsync(RunId, status, reason, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _flush.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var collection in _pending.Keys.Order(StringComparer.Ordinal).ToList())
            {
                if (_pending.TryRemove(collection, out var progress))
                {
                    var metrics = new BsonDocument { { "collection", collection }, { "memory_bytes", GC.GetTotalMemory(false) }, { "working_set_bytes", Environment.WorkingSet } };
                    await Journal.ProgressAsync(RunId, collection, progress, metrics, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _flush.Release();
        }
    }

    /// <summary>Stops watching. A run the verb did not end (an unexpected exception escaped it) is recorded failed.</summary>
    public async ValueTask DisposeAsync()
    {
        await _watcher.DisposeAsync().ConfigureAwait(false);
        if (Volatile.Read(ref _finished) == 0)
        {
            await FinishAsync(RunStatus.Failed, "the run ended without a result").ConfigureAwait(false);
        }

        _flush.Dispose();
    }
}

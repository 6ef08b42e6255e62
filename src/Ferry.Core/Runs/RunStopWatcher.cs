namespace Ferry.Core.Runs;

/// <summary>
/// Makes <c>ferry runs stop</c> (the journal's stop flag) take effect within about a second: polls
/// <see cref="RunJournal.IsStopRequestedAsync"/> in the background and cancels <see cref="Token"/> when the flag is
/// set. A verb runs its work under <see cref="Token"/>, so the batch in progress (a slow password-hashing batch, a
/// migration's loop) is abandoned instead of finished; it was never checkpointed, and a resume redoes it.
/// </summary>
public sealed class RunStopWatcher : IAsyncDisposable
{
    /// <summary>How often the flag is read; a stop takes effect within about this long (plus the abandoned write).</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _stop;
    private readonly CancellationTokenSource _end = new();
    private readonly Task _loop;
    private readonly Func<CancellationToken, Task>? _onPoll;
    private int _stopRequested;

    private RunStopWatcher(RunJournal journal, string runId, TimeSpan interval, Func<CancellationToken, Task>? onPoll, CancellationToken cancellationToken)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _onPoll = onPoll;
        _loop = Task.Run(() => PollAsync(journal, runId, interval), CancellationToken.None);
    }

    /// <summary>Cancelled when a stop is requested (or the caller's token is).</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>True once the journal's stop flag was seen: <see cref="Token"/> was cancelled by a stop, not by the caller.</summary>
    public bool StopRequested => Volatile.Read(ref _stopRequested) == 1;

    /// <summary>
    /// Starts watching run <paramref name="runId"/>. <paramref name="onPoll"/>, when given, runs at each poll too
    /// (a verb flushes its throttled progress there, so progress reaches the journal about once a second).
    /// </summary>
    public static RunStopWatcher Start(RunJournal journal, string runId, CancellationToken cancellationToken, TimeSpan? interval = null, Func<CancellationToken, Task>? onPoll = null) =>
        new(journal, runId, interval ?? DefaultInterval, onPoll, cancellationToken);

    private async Task PollAsync(RunJournal journal, string runId, TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_end.Token).ConfigureAwait(false))
            {
                try
                {
                    if (_onPoll is not null)
                    {
                        await _onPoll(_end.Token).ConfigureAwait(false);
                    }

                    if (await journal.IsStopRequestedAsync(runId, _end.Token).ConfigureAwait(false))
                    {
                        Volatile.Write(ref _stopRequested, 1);
                        await _stop.CancelAsync().ConfigureAwait(false);
                        return;
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A failed read (the store busy for a moment) is retried at the next tick; the run itself
                    // reports store failures through its own writes.
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _end.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _end.Dispose();
        _stop.Dispose();
    }
}

using System.Runtime.CompilerServices;
using Ferry.Core.Errors;
using Ferry.Core.Runs;

namespace Ferry.Core.Monitoring;

/// <summary>
/// Follows a run through its journal (another process's run: nothing but <c>_ferry_runs</c> is shared), a snapshot
/// per interval until the run is no longer running.
/// </summary>
public sealed class RunMonitor(RunJournal journal, string databaseName, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>The run to follow: <paramref name="runId"/>, or without it the newest running run; bad input when there is none.</summary>
    public async Task<string> ChooseAsync(string? runId, CancellationToken cancellationToken = default)
    {
        if (runId is not null)
        {
            return await journal.GetAsync(runId, cancellationToken).ConfigureAwait(false) is not null
                ? runId
                : throw new UserInputException($"no run '{runId}' in {databaseName}.{RunJournal.CollectionName} (see ferry runs list)");
        }

        string? newest = null;
        var newestStart = DateTime.MinValue;
        await foreach (var run in journal.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (run["status"].AsString == RunStatus.Running && run["started_at"].ToUniversalTime() >= newestStart)
            {
                newest = run["_id"].ToString();
                newestStart = run["started_at"].ToUniversalTime();
            }
        }

        return newest ?? throw new UserInputException($"no running run in {databaseName}.{RunJournal.CollectionName}; name one (ferry monitor RUN; see ferry runs list)");
    }

    /// <summary>A snapshot now and every <paramref name="interval"/> after, the last one the run's end.</summary>
    public async IAsyncEnumerable<RunSnapshot> FollowAsync(string runId, TimeSpan interval, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var run = await journal.GetAsync(runId, cancellationToken).ConfigureAwait(false)
                ?? throw new UserInputException($"run '{runId}' is no longer in {databaseName}.{RunJournal.CollectionName}");
            var snapshot = RunSnapshot.Of(run, _time.GetUtcNow().UtcDateTime);
            yield return snapshot;
            if (!snapshot.IsRunning)
            {
                yield break;
            }

            await Task.Delay(interval, _time, cancellationToken).ConfigureAwait(false);
        }
    }
}

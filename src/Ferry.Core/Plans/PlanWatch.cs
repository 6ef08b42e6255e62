using Ferry.Core.Runs;

namespace Ferry.Core.Plans;

/// <summary>
/// Watches the runs a plan step starts (the journal's events whose parent is the plan run) and, when a transform's
/// error rate crosses the threshold mid-run, asks that run to stop at its next batch boundary (the journal's stop
/// flag) instead of letting it finish: the plan then rolls back. Observers must return at once, so the stop request
/// is written on the thread pool.
/// </summary>
internal sealed class PlanWatch(string planRunId, PlanThresholds thresholds, RunJournal journal) : IRunObserver
{
    private string? _crossed;

    /// <summary>The crossing that stopped a child run, or null.</summary>
    public string? Crossed => Volatile.Read(ref _crossed);

    /// <summary>The last child run started or resumed under the plan.</summary>
    public string? ChildRunId { get; private set; }

    /// <summary>Called before each step: a step that starts no run of its own (a hook) must not show the previous step's.</summary>
    public void ForgetChildRun() => ChildRunId = null;

    public void OnRunEvent(RunEvent runEvent)
    {
        if (runEvent.ParentRunId != planRunId)
        {
            return;
        }

        if (runEvent.Type is RunEventTypes.Started or RunEventTypes.Resumed)
        {
            ChildRunId = runEvent.RunId;
        }

        if (runEvent.Type == RunEventTypes.Progress && runEvent.Kind == "transform"
            && PlanThresholdCheck.ErrorRate(thresholds, runEvent.Processed, runEvent.Quarantined + runEvent.Errors) is { } crossed
            && Interlocked.CompareExchange(ref _crossed, crossed, null) is null)
        {
            _ = Task.Run(() => journal.RequestStopAsync(runEvent.RunId));
        }
    }
}

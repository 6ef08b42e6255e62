using Ferry.Core.Runs;

namespace Ferry.Core.Observability;

/// <summary>What <see cref="RunAlertObserver"/> knows of one running run. Callers lock the instance.</summary>
internal sealed class RunAlertState(string runId, RunJournal journal, DateTimeOffset startedAt)
{
    public string RunId { get; } = runId;

    public RunJournal Journal { get; } = journal;

    public long Processed { get; private set; }

    public long Quarantined { get; private set; }

    public double? DocumentsPerSecond { get; private set; }

    /// <summary>When the processed count last went up (or the run started or resumed).</summary>
    public DateTimeOffset LastAdvanceAt { get; private set; } = startedAt;

    public double ErrorRate => Processed == 0 ? 0 : Math.Clamp((double)Quarantined / Processed, 0, 1);

    /// <summary>Since when each alert's condition has held.</summary>
    public Dictionary<string, DateTimeOffset> Since { get; } = new(StringComparer.Ordinal);

    /// <summary>The alerts fired whose condition still holds (fired again only after it clears).</summary>
    public HashSet<string> Fired { get; } = new(StringComparer.Ordinal);

    public void Observe(RunEvent runEvent, DateTimeOffset now)
    {
        if (runEvent.Processed > Processed)
        {
            Processed = runEvent.Processed;
            LastAdvanceAt = now;
        }

        Quarantined = Math.Max(Quarantined, runEvent.Quarantined);

        // The rate is measured on progress; a run with nothing to do yet has no rate to be slow at.
        if (runEvent.Type == RunEventTypes.Progress && runEvent.DocumentsPerSecond is { } rate)
        {
            DocumentsPerSecond = rate;
        }
    }
}

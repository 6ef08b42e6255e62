namespace Ferry.Core.Runs;

/// <summary>
/// One thing that happened to a run, as published by <see cref="RunJournal"/> to every <see cref="IRunObserver"/>:
/// metrics, notifications, in-process alerts and live views all read these instead of polling the journal.
/// Counts are the run's totals so far (all collections); <see cref="CollectionCounts"/> holds the named collection's.
/// </summary>
public sealed record RunEvent(string Type, string RunId, string Kind, string Database, DateTime At)
{
    /// <summary>The collection a progress or error event is about; null for run-wide events.</summary>
    public string? Collection { get; init; }

    /// <summary>The run this one is a step of (a plan run), when there is one.</summary>
    public string? ParentRunId { get; init; }

    public long Processed { get; init; }

    /// <summary>The <see cref="Collection"/>'s own counts (processed, quarantined) on a progress or batch event.</summary>
    public CollectionProgress? CollectionCounts { get; init; }

    /// <summary>How long the batch of a <see cref="RunEventTypes.Batch"/> event took (read, transform, write, checkpoint).</summary>
    public TimeSpan? BatchDuration { get; init; }

    public long Total { get; init; }
    public long Written { get; init; }
    public long Quarantined { get; init; }
    public long Errors { get; init; }

    /// <summary>Documents per second since the run (or this attempt) started; null when not measured.</summary>
    public double? DocumentsPerSecond { get; init; }

    /// <summary>The final status of a <see cref="RunEventTypes.Finished"/> event (<see cref="RunStatus"/>).</summary>
    public string? Status { get; init; }

    /// <summary>What went wrong or why (an error message, a rollback reason, an alert's description); redacted.</summary>
    public string? Message { get; init; }

    /// <summary>
    /// The journal that published the event, so an observer can record what happened on its side (an in-process
    /// alert, a notification that could not be delivered) or read the run's history (earlier failures a success
    /// resolves); null for events built elsewhere. Not data: never serialised.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public RunJournal? Journal { get; init; }
}

/// <summary>The <see cref="RunEvent.Type"/> values.</summary>
public static class RunEventTypes
{
    public const string Started = "started";
    public const string Resumed = "resumed";
    public const string Progress = "progress";

    /// <summary>A batch was committed (published only, never written: the journal holds checkpoints, not timings).</summary>
    public const string Batch = "batch";
    public const string Error = "error";
    public const string StopRequested = "stop_requested";
    public const string Finished = "finished";
    public const string AlertFired = "alert_fired";
}

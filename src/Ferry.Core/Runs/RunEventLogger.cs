using Microsoft.Extensions.Logging;

namespace Ferry.Core.Runs;

/// <summary>
/// Logs every run event (<see cref="RunEvents"/>) with the run id, verb, database, collection and event as structured
/// fields, so a log shipper can follow runs without reading the journal: starts, finishes and alerts at Information
/// (a run that did not complete at Error), errors and stop requests at Warning, progress at Debug.
/// </summary>
public sealed partial class RunEventLogger(ILogger logger) : IRunObserver
{
    public void OnRunEvent(RunEvent runEvent)
    {
        var e = runEvent;
        switch (e.Type)
        {
            case RunEventTypes.Batch:
                // A line per batch would drown the log; the batch timings go to the metrics' histogram.
                break;
            case RunEventTypes.Progress:
                Progress(logger, e.Kind, e.RunId, e.Type, e.Database, e.Collection, e.Processed, e.Total, e.Errors, e.Quarantined, e.DocumentsPerSecond);
                break;
            case RunEventTypes.Error:
                Error(logger, e.Kind, e.RunId, e.Type, e.Database, e.Collection, e.Message);
                break;
            case RunEventTypes.StopRequested:
                StopRequested(logger, e.Kind, e.RunId, e.Type, e.Database);
                break;
            case RunEventTypes.AlertFired:
                AlertFired(logger, e.Kind, e.RunId, e.Type, e.Database, e.Message);
                break;
            case RunEventTypes.Finished when e.Status == RunStatus.Completed:
                Completed(logger, e.Kind, e.RunId, e.Type, e.Status, e.Database, e.Processed, e.Errors, e.Quarantined);
                break;
            case RunEventTypes.Finished:
                NotCompleted(logger, e.Kind, e.RunId, e.Type, e.Status, e.Database, e.Processed, e.Errors, e.Quarantined, e.Message);
                break;
            default:
                if (e.ParentRunId is { } parent)
                {
                    StartedInPlan(logger, e.Kind, e.RunId, e.Type, e.Database, parent);
                }
                else
                {
                    Started(logger, e.Kind, e.RunId, e.Type, e.Database);
                }

                break;
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "{Verb} run {RunId} {Event} on {Database}")]
    private static partial void Started(ILogger logger, string verb, string runId, string @event, string database);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Information, Message = "{Verb} run {RunId} {Event} on {Database} as a step of run {ParentRunId}")]
    private static partial void StartedInPlan(ILogger logger, string verb, string runId, string @event, string database, string parentRunId);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, Message = "{Verb} run {RunId} {Event} on {Database}.{Collection}: processed {Processed} of {Total}, errors {Errors}, quarantined {Quarantined}, {DocumentsPerSecond} docs/s")]
    private static partial void Progress(ILogger logger, string verb, string runId, string @event, string database, string? collection, long processed, long total, long errors, long quarantined, double? documentsPerSecond);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "{Verb} run {RunId} {Event} on {Database}.{Collection}: {Message}")]
    private static partial void Error(ILogger logger, string verb, string runId, string @event, string database, string? collection, string? message);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "{Verb} run {RunId} {Event} on {Database}")]
    private static partial void StopRequested(ILogger logger, string verb, string runId, string @event, string database);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "{Verb} run {RunId} {Event} on {Database}: {Message}")]
    private static partial void AlertFired(ILogger logger, string verb, string runId, string @event, string database, string? message);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "{Verb} run {RunId} {Event} {Status} on {Database}: processed {Processed}, errors {Errors}, quarantined {Quarantined}")]
    private static partial void Completed(ILogger logger, string verb, string runId, string @event, string? status, string database, long processed, long errors, long quarantined);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Error, Message = "{Verb} run {RunId} {Event} {Status} on {Database}: processed {Processed}, errors {Errors}, quarantined {Quarantined}: {Message}")]
    private static partial void NotCompleted(ILogger logger, string verb, string runId, string @event, string? status, string database, long processed, long errors, long quarantined, string? message);
}

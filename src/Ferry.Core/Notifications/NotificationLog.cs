using Microsoft.Extensions.Logging;

namespace Ferry.Core.Notifications;

/// <summary>The dispatcher's log lines (source-generated: no formatting cost when the level is off).</summary>
internal static partial class NotificationLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "notification {Event} of {Verb} run {RunId} delivered to {Channel}")]
    public static partial void Delivered(ILogger logger, string @event, string verb, string runId, string channel);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "notification {Event} of {Verb} run {RunId} to {Channel} failed after {Attempts} attempt(s): {Error}")]
    public static partial void Failed(ILogger logger, string @event, string verb, string runId, string channel, int attempts, string error);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "notification {Event} of run {RunId} to {Channel} dropped: the channel's queue is full")]
    public static partial void Dropped(ILogger logger, string @event, string runId, string channel);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "{Count} notification(s) to {Channel} not delivered before exit (waited {Seconds} s)")]
    public static partial void Abandoned(ILogger logger, int count, string channel, double seconds);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Debug, Message = "could not record a notification failure in the journal of run {RunId}: {Error}")]
    public static partial void NotRecorded(ILogger logger, string runId, string error);
}

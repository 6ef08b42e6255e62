using Ferry.Core.Runs;

namespace Ferry.Core.Notifications;

/// <summary>
/// The things a channel can be told about (its <c>events:</c> in ferry.yaml), and which <see cref="RunEvent"/> is
/// which: a resume is a start, a finish is named by its status, progress and single errors are not notified (they are
/// the journal's and the metrics' business; an error that fails the run arrives as <see cref="Failed"/>).
/// </summary>
public static class NotificationEvents
{
    public const string Started = "started";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Stopped = "stopped";
    public const string RolledBack = "rolled_back";
    public const string AlertFired = "alert_fired";

    public static IReadOnlyList<string> All { get; } = [Started, Completed, Failed, Stopped, RolledBack, AlertFired];

    /// <summary>The notification event of <paramref name="runEvent"/>, or null when it is not one.</summary>
    public static string? Of(RunEvent runEvent) => runEvent.Type switch
    {
        RunEventTypes.Started or RunEventTypes.Resumed => Started,
        RunEventTypes.AlertFired => AlertFired,
        RunEventTypes.Finished => runEvent.Status switch
        {
            RunStatus.Completed => Completed,
            RunStatus.Stopped => Stopped,
            RunStatus.RolledBack or RunStatus.RollbackFailed => RolledBack,
            _ => Failed,
        },
        _ => null,
    };
}

using System.Globalization;
using System.Text.Json.Nodes;
using Ferry.Core.Runs;
using Ferry.Core.Storage;

namespace Ferry.Core.Notifications;

/// <summary>What every channel sends about one <see cref="RunEvent"/>: a one-line title, a few lines of text, and the
/// event as JSON (the webhook's body). Texts pass through <see cref="SecretRedactor"/>.</summary>
public sealed record RunNotification(string Event, RunEvent Run)
{
    /// <summary>Earlier failed runs of the same kind and database that this completed run resolves (PagerDuty).</summary>
    public IReadOnlyList<string> Resolves { get; init; } = [];

    public bool IsTrouble => Event is NotificationEvents.Failed or NotificationEvents.RolledBack or NotificationEvents.AlertFired;

    public string Title => $"Ferry {Run.Kind} run {Run.RunId} {Describe()} ({Run.Database})";

    public string Text
    {
        get
        {
            var lines = new List<string> { Title };
            if (Run.Type != RunEventTypes.Started)
            {
                lines.Add(string.Create(CultureInfo.InvariantCulture,
                    $"processed {Run.Processed:N0}{(Run.Total > 0 ? $" of {Run.Total:N0}" : string.Empty)}, written {Run.Written:N0}, quarantined {Run.Quarantined:N0}, errors {Run.Errors:N0}"));
            }

            if (!string.IsNullOrEmpty(Run.Message))
            {
                lines.Add(SecretRedactor.Redact(Run.Message));
            }

            lines.Add(string.Create(CultureInfo.InvariantCulture, $"at {Run.At:yyyy-MM-ddTHH:mm:ssZ} on {Environment.MachineName}"));
            return string.Join('\n', lines);
        }
    }

    /// <summary>The run event as JSON, with the notification's event name and host; the webhook's body.</summary>
    public JsonObject ToJson() => new()
    {
        ["event"] = Event,
        ["type"] = Run.Type,
        ["run_id"] = Run.RunId,
        ["kind"] = Run.Kind,
        ["database"] = Run.Database,
        ["at"] = Run.At.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        ["status"] = Run.Status,
        ["collection"] = Run.Collection,
        ["parent_run_id"] = Run.ParentRunId,
        ["processed"] = Run.Processed,
        ["total"] = Run.Total,
        ["written"] = Run.Written,
        ["quarantined"] = Run.Quarantined,
        ["errors"] = Run.Errors,
        ["documents_per_second"] = Run.DocumentsPerSecond,
        ["message"] = Run.Message is null ? null : SecretRedactor.Redact(Run.Message),
        ["host"] = Environment.MachineName,
    };

    private string Describe() => Event switch
    {
        NotificationEvents.Started => Run.Type == RunEventTypes.Resumed ? "resumed" : "started",
        NotificationEvents.AlertFired => "fired an alert",
        NotificationEvents.RolledBack => Run.Status == RunStatus.RollbackFailed ? "rollback FAILED" : "rolled back",
        NotificationEvents.Failed => "FAILED",
        _ => Event,
    };
}

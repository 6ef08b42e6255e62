using System.Text.Json.Nodes;
using Ferry.Core.Runs;

namespace Ferry.Core.Notifications;

/// <summary>
/// PagerDuty Events API v2: a failed or rolled-back run triggers an incident whose dedup key is the run id; a later
/// completed run of the same kind on the same database resolves the incidents of the failures before it
/// (<see cref="RunNotification.Resolves"/>). Starts, stops and alerts do not page.
/// </summary>
public sealed class PagerDutyNotifier(NotificationChannel channel, string routingKey, HttpClient http) : INotifier
{
    public string Name => channel.Name;

    public bool Wants(RunNotification notification) => channel.Events.Contains(notification.Event) && notification.Event switch
    {
        NotificationEvents.Failed or NotificationEvents.RolledBack => true,
        NotificationEvents.Completed => notification.Resolves.Count > 0,
        _ => false,
    };

    public async Task SendAsync(RunNotification notification, CancellationToken cancellationToken)
    {
        var endpoint = channel.Endpoint ?? NotificationChannel.PagerDutyEndpoint;
        if (notification.Event == NotificationEvents.Completed)
        {
            foreach (var runId in notification.Resolves)
            {
                await HttpJson.PostAsync(http, endpoint, new JsonObject
                {
                    ["routing_key"] = routingKey,
                    ["event_action"] = "resolve",
                    ["dedup_key"] = runId,
                }, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        var run = notification.Run;
        await HttpJson.PostAsync(http, endpoint, new JsonObject
        {
            ["routing_key"] = routingKey,
            ["event_action"] = "trigger",
            ["dedup_key"] = run.RunId,
            ["payload"] = new JsonObject
            {
                ["summary"] = notification.Title,
                ["source"] = Environment.MachineName,
                ["severity"] = run.Status == RunStatus.RollbackFailed ? "critical" : "error",
                ["timestamp"] = run.At.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["component"] = run.Database,
                ["group"] = run.Kind,
                ["class"] = notification.Event,
                ["custom_details"] = notification.ToJson(),
            },
        }, cancellationToken).ConfigureAwait(false);
    }
}

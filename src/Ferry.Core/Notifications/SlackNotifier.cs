using System.Text.Json.Nodes;

namespace Ferry.Core.Notifications;

/// <summary>Posts to a Slack incoming webhook: <c>text</c> is the notification's text, trouble marked so it stands out.</summary>
public sealed class SlackNotifier(NotificationChannel channel, string webhookUrl, HttpClient http) : INotifier
{
    public string Name => channel.Name;

    public bool Wants(RunNotification notification) => channel.Events.Contains(notification.Event);

    public Task SendAsync(RunNotification notification, CancellationToken cancellationToken) =>
        HttpJson.PostAsync(http, webhookUrl, new JsonObject
        {
            ["text"] = (notification.IsTrouble ? ":rotating_light: " : string.Empty) + notification.Text,
        }, cancellationToken);
}

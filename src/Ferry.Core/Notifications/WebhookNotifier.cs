namespace Ferry.Core.Notifications;

/// <summary>POSTs the run event as JSON (<see cref="RunNotification.ToJson"/>) to any URL.</summary>
public sealed class WebhookNotifier(NotificationChannel channel, string url, HttpClient http) : INotifier
{
    public string Name => channel.Name;

    public bool Wants(RunNotification notification) => channel.Events.Contains(notification.Event);

    public Task SendAsync(RunNotification notification, CancellationToken cancellationToken) =>
        HttpJson.PostAsync(http, url, notification.ToJson(), cancellationToken);
}

namespace Ferry.Core.Notifications;

/// <summary>One configured channel that delivers notifications (Slack, e-mail, PagerDuty, a webhook).</summary>
public interface INotifier
{
    /// <summary>The channel's name in ferry.yaml.</summary>
    string Name { get; }

    /// <summary>Whether this channel sends anything for <paramref name="notification"/>.</summary>
    bool Wants(RunNotification notification);

    /// <summary>Delivers one notification; throws when it was not delivered (the dispatcher retries).</summary>
    Task SendAsync(RunNotification notification, CancellationToken cancellationToken);
}

namespace Ferry.Core.Notifications;

/// <summary>How hard the dispatcher tries: the first retry's delay (doubling, with jitter) and how long the process
/// waits at its end for notifications still queued.</summary>
public sealed record NotificationDeliveryOptions
{
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan FlushTime { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Notifications a channel may have waiting; more are dropped (and logged) rather than held in memory.</summary>
    public int QueueCapacity { get; init; } = 256;
}

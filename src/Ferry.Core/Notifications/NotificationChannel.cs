namespace Ferry.Core.Notifications;

/// <summary>
/// One named channel of <c>notifications:</c> in ferry.yaml (see docs/configuration.md). Which fields apply depends
/// on <see cref="Type"/>; <see cref="NotificationConfigParser"/> has checked that the ones a type needs are there.
/// </summary>
public sealed record NotificationChannel
{
    public const string Slack = "slack";
    public const string Email = "email";
    public const string PagerDuty = "pagerduty";
    public const string Webhook = "webhook";

    public static IReadOnlyList<string> Types { get; } = [Slack, Email, PagerDuty, Webhook];

    /// <summary>The Events API v2 endpoint PagerDuty documents; tests point <see cref="Endpoint"/> at a local receiver.</summary>
    public const string PagerDutyEndpoint = "https://events.pagerduty.com/v2/enqueue";

    public required string Name { get; init; }

    public required string Type { get; init; }

    /// <summary>FILE:LINE:COLUMN of the channel, for messages.</summary>
    public required string Location { get; init; }

    /// <summary>The events the channel is told about (<see cref="NotificationEvents"/>).</summary>
    public required IReadOnlySet<string> Events { get; init; }

    /// <summary>Slack's incoming webhook URL or a webhook's URL (a secret: from the environment or a file).</summary>
    public SecretReference? Url { get; init; }

    /// <summary>A webhook's URL written in ferry.yaml (for a receiver whose URL is not a secret).</summary>
    public string? PlainUrl { get; init; }

    /// <summary>PagerDuty's endpoint (default <see cref="PagerDutyEndpoint"/>).</summary>
    public string? Endpoint { get; init; }

    public SecretReference? RoutingKey { get; init; }

    public string? Host { get; init; }

    public int Port { get; init; } = 587;

    /// <summary><c>starttls</c> (default), <c>starttls_when_available</c>, <c>ssl</c> or <c>none</c>.</summary>
    public string Security { get; init; } = "starttls";

    public string? Username { get; init; }

    public SecretReference? Password { get; init; }

    public string? From { get; init; }

    public IReadOnlyList<string> To { get; init; } = [];

    /// <summary>How long one delivery attempt may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts after the first one failed.</summary>
    public int Retries { get; init; } = 3;
}

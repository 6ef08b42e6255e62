namespace Ferry.Core.Observability;

/// <summary>
/// Where a run's metrics go: served on <c>http://Host:Port/metrics</c> for as long as the run lasts, and/or pushed to
/// a Prometheus Pushgateway at <see cref="PushUrl"/> (throttled to one push per <see cref="PushInterval"/> while
/// progress comes in, and once at the end).
/// </summary>
public sealed record MetricsExportOptions
{
    public const string DefaultHost = "127.0.0.1";

    public int? Port { get; init; }

    public string Host { get; init; } = DefaultHost;

    public Uri? PushUrl { get; init; }

    /// <summary>The Pushgateway job label (the grouping key is job plus an instance naming this process).</summary>
    public string PushJob { get; init; } = "ferry";

    public TimeSpan PushInterval { get; init; } = TimeSpan.FromSeconds(1);

    public bool Enabled => Port is not null || PushUrl is not null;
}

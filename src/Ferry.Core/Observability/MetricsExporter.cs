using System.Net;
using Ferry.Core.Errors;
using Ferry.Core.Runs;
using Prometheus;

namespace Ferry.Core.Observability;

/// <summary>
/// Exports <see cref="RunMetrics"/> in the Prometheus text format through prometheus-net (its MeterAdapter turns the
/// <c>Ferry</c> meter's instruments into Prometheus metrics of a registry of their own, so nothing else of the process
/// is exported): a <c>/metrics</c> endpoint and/or a Pushgateway pusher, for as long as the exporter lives.
/// Disposing it pushes one last time (the run's final status) and stops both.
/// </summary>
public sealed class MetricsExporter : IAsyncDisposable
{
    private readonly IDisposable _adapter;
    private readonly MetricServer? _server;
    private readonly PushgatewayPusher? _pusher;
    private readonly IDisposable? _pushSubscription;

    private MetricsExporter(MetricsExportOptions options)
    {
        var registry = Metrics.NewCustomRegistry();
        _adapter = MeterAdapter.StartListening(new MeterAdapterOptions
        {
            Registry = registry,
            MetricFactory = Metrics.WithCustomRegistry(registry),
            InstrumentFilterPredicate = instrument => instrument.Meter.Name == RunMetrics.MeterName,

            // The adapter forgets series not updated for a while; a stalled run's counter must stay to be seen stalled
            // (a run stalled for a day has long been alerted on).
            MetricsExpireAfter = TimeSpan.FromDays(1), // the most prometheus-net allows
        });

        // RunMetrics first, so a push triggered by an event already sees the counts that event carries.
        RunMetrics.Subscribe();
        try
        {
            if (options.Port is { } port)
            {
                _server = new MetricServer(options.Host, port, "metrics/", registry);
                _server.Start();
                Endpoint = new Uri($"http://{(options.Host.Contains(':', StringComparison.Ordinal) ? $"[{options.Host}]" : options.Host)}:{port}/metrics");
            }

            if (options.PushUrl is { } push)
            {
                _pusher = new PushgatewayPusher(registry, push, options.PushJob, options.PushInterval);
                _pushSubscription = RunEvents.Subscribe(_pusher);
            }
        }
        catch (HttpListenerException e)
        {
            _adapter.Dispose();
            throw new UserInputException($"--metrics-port {options.Port}: cannot serve /metrics on {options.Host}:{options.Port} ({e.Message})");
        }
    }

    /// <summary>The served endpoint, when there is one.</summary>
    public Uri? Endpoint { get; }

    /// <summary>The last push failure (the Pushgateway down or refusing), or null; pushing never fails a run.</summary>
    public string? PushFailure => _pusher?.LastFailure;

    /// <summary>Starts exporting; null when <paramref name="options"/> asks for nothing.</summary>
    public static MetricsExporter? Start(MetricsExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Enabled ? new MetricsExporter(options) : null;
    }

    public async ValueTask DisposeAsync()
    {
        _pushSubscription?.Dispose();
        if (_pusher is not null)
        {
            await _pusher.DisposeAsync().ConfigureAwait(false);
        }

        if (_server is not null)
        {
            await _server.StopAsync().ConfigureAwait(false);
        }

        _adapter.Dispose();
    }
}

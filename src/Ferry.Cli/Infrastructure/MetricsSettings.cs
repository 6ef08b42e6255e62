using Ferry.Core.Configuration;
using Ferry.Core.Errors;
using Ferry.Core.Observability;
using Ferry.Core.Storage;

namespace Ferry.Cli.Infrastructure;

/// <summary>
/// The metrics options of every data-changing verb (see docs/monitoring.md): <c>--metrics-port N</c>,
/// <c>--metrics-host HOST</c> and <c>--metrics-push URL</c>, with <c>metrics:</c> in ferry.yaml as defaults. Spectre
/// binds only attributed properties of a settings class or its bases, so each settings class declares the three
/// properties with these constants; <see cref="RunObservation"/> starts the exporter for all of them at once.
/// </summary>
public interface IMetricsSettings
{
    const string PortOption = "--metrics-port <PORT>";
    const string PortDescription = "Serve the run's Prometheus metrics on http://HOST:PORT/metrics while it lasts; default metrics.port in ferry.yaml";
    const string HostOption = "--metrics-host <HOST>";
    const string HostDescription = "The address --metrics-port listens on (default 127.0.0.1; 0.0.0.0 or + for every interface)";
    const string PushOption = "--metrics-push <URL>";
    const string PushDescription = "Push the run's metrics to this Prometheus Pushgateway at each progress update (at most once a second) and once at the end; default metrics.push in ferry.yaml";

    int? MetricsPort { get; }

    string? MetricsHost { get; }

    string? MetricsPush { get; }
}

public static class MetricsSettings
{
    /// <summary>The exporter options: command line first, then ferry.yaml's <c>metrics:</c>.</summary>
    public static MetricsExportOptions ExportOptions(this IMetricsSettings settings, FerryConfig config)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(config);
        var port = settings.MetricsPort ?? config.Metrics.Port;
        if (port is < 1 or > 65535)
        {
            throw new UserInputException($"--metrics-port {port}: expected a TCP port, 1 to 65535");
        }

        var push = settings.MetricsPush ?? config.Metrics.Push;
        Uri? pushUrl = null;
        if (push is not null && (!Uri.TryCreate(push, UriKind.Absolute, out pushUrl) || pushUrl.Scheme is not ("http" or "https")))
        {
            throw new UserInputException($"--metrics-push {UriRedactor.Redact(push)}: expected the Pushgateway's http:// or https:// URL, such as http://localhost:9091");
        }

        return new MetricsExportOptions
        {
            Port = port,
            Host = settings.MetricsHost ?? config.Metrics.Host ?? MetricsExportOptions.DefaultHost,
            PushUrl = pushUrl,
        };
    }
}

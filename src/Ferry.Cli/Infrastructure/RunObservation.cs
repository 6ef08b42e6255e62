using Ferry.Core.Observability;
using Ferry.Core.Runs;
using Ferry.Core.Storage;

namespace Ferry.Cli.Infrastructure;

/// <summary>
/// What watches the runs of a data-changing verb (one whose settings are <see cref="IMetricsSettings"/>) for as long
/// as the verb lasts: the in-process alerts (<c>alerts:</c> in ferry.yaml) and, when asked for, the metrics exporter.
/// <see cref="FerryCommand{TSettings}"/> starts it once for every such verb.
/// </summary>
public sealed class RunObservation : IAsyncDisposable
{
    private readonly RunAlertObserver? _alerts;
    private readonly IDisposable? _alertSubscription;
    private readonly MetricsExporter? _exporter;
    private readonly Output _output;
    private readonly string? _pushUrl;

    private RunObservation(FerrySettings settings, IMetricsSettings metrics, Output output)
    {
        _output = output;
        var options = metrics.ExportOptions(settings.Config);
        _pushUrl = options.PushUrl is { } url ? UriRedactor.Redact(url.ToString()) : null;
        _exporter = MetricsExporter.Start(options);
        if (settings.Config.Alerts is { Enabled: true } thresholds)
        {
            _alerts = new RunAlertObserver(thresholds);
            _alertSubscription = RunEvents.Subscribe(_alerts);
        }
    }

    /// <summary>Starts watching when <paramref name="settings"/> belong to a data-changing verb; otherwise null.</summary>
    public static RunObservation? Start(FerrySettings settings, Output output) =>
        settings is IMetricsSettings metrics ? new RunObservation(settings, metrics, output) : null;

    public async ValueTask DisposeAsync()
    {
        _alertSubscription?.Dispose();
        if (_alerts is not null)
        {
            await _alerts.DisposeAsync().ConfigureAwait(false);
        }

        if (_exporter is not null)
        {
            await _exporter.DisposeAsync().ConfigureAwait(false);
            if (_exporter.PushFailure is { } failure)
            {
                _output.Warning(Spectre.Console.Markup.Escape($"--metrics-push {_pushUrl}: the last push failed ({UriRedactor.RedactText(failure)})"));
            }
        }
    }
}

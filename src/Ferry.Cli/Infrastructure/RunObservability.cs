using Ferry.Cli.Infrastructure.Logging;
using Ferry.Core.Notifications;
using Ferry.Core.Runs;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace Ferry.Cli.Infrastructure;

/// <summary>
/// What watches the runs of one verb: the log (every run event through <see cref="RunEventLogger"/>, as text or JSON
/// lines on standard error) and, for verbs that change data, the notification channels. Observers see only the runs
/// started in this verb's async flow, so verbs run side by side in one process (tests) never hear each other's runs.
/// Disposing it waits a bounded time for queued notifications, then stops observing.
/// </summary>
public sealed class RunObservability : IAsyncDisposable
{
    private static readonly AsyncLocal<RunObservability?> Current = new();

    private readonly ILoggerFactory _loggers;
    private readonly List<IDisposable> _subscriptions = [];
    private NotificationDispatcher? _notifications;

    private RunObservability(ILoggerFactory loggers) => _loggers = loggers;

    /// <summary>Starts observing for the verb of <paramref name="settings"/>; bad log options or notification
    /// settings are <see cref="Core.Errors.UserInputException"/>s, raised before the verb does anything.</summary>
    public static RunObservability Start(FerrySettings settings, IAnsiConsole errorConsole)
    {
        var json = settings.JsonLogs();
        var level = settings.MinimumLogLevel(json);
        var provider = new LineLoggerProvider(errorConsole.Profile.Out.Writer, json);
        var observability = new RunObservability(LoggerFactory.Create(logging => logging.SetMinimumLevel(level).AddProvider(provider)));
        try
        {
            // Text logs of run events only when asked for (--log-level, FERRY_LOG_LEVEL): on a terminal the verb says
            // what happened itself, and a failure must stay one error line, not that line plus its log echo.
            if (json || settings.LogLevel is not null || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("FERRY_LOG_LEVEL")))
            {
                observability.Observe(new RunEventLogger(observability._loggers.CreateLogger("Ferry.Runs")));
            }
            if (settings is INotifySettings notify && notify.Channels(settings.Config) is { Count: > 0 } channels)
            {
                observability._notifications = NotificationDispatcher.Create(channels, observability._loggers.CreateLogger("Ferry.Notifications"));
                observability.Observe(observability._notifications);
            }
        }
        catch
        {
            observability._loggers.Dispose();
            throw;
        }

        Current.Value = observability;
        return observability;
    }

    public async ValueTask DisposeAsync()
    {
        if (_notifications is not null)
        {
            await _notifications.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }

        _loggers.Dispose();
    }

    private void Observe(IRunObserver observer) => _subscriptions.Add(RunEvents.Subscribe(new Scoped(this, observer)));

    /// <summary>Passes on only the events of runs in its owner's async flow.</summary>
    private sealed class Scoped(RunObservability owner, IRunObserver inner) : IRunObserver
    {
        public void OnRunEvent(RunEvent runEvent)
        {
            if (ReferenceEquals(Current.Value, owner))
            {
                inner.OnRunEvent(runEvent);
            }
        }
    }
}

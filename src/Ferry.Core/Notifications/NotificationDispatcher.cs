using System.Collections.Concurrent;
using System.Threading.Channels;
using Ferry.Core.Errors;
using Ferry.Core.Runs;
using Ferry.Core.Storage;
using Microsoft.Extensions.Logging;
using MongoDB.Bson;
using Polly;
using Polly.Retry;

namespace Ferry.Core.Notifications;

/// <summary>
/// Turns run events into notifications without ever holding a run up: <see cref="OnRunEvent"/> only queues (one
/// bounded queue per channel, so a dead channel delays no other), a background worker per channel delivers with
/// bounded retries, exponential backoff and a per-attempt timeout (Polly), and a delivery that still fails is logged
/// and recorded in the run's journal (<c>notification_failures</c>) while the run's store is open. At the end of the
/// process <see cref="FlushAsync"/> waits a bounded time for what is still queued.
/// </summary>
public sealed class NotificationDispatcher : IRunObserver, IAsyncDisposable
{
    private readonly List<Worker> _workers;
    private readonly ILogger _logger;
    private readonly NotificationDeliveryOptions _options;
    private readonly CancellationTokenSource _abandon = new();
    private readonly ConcurrentDictionary<string, Task<IReadOnlyList<string>>> _openIncidents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, BsonArray> _failures = new(StringComparer.Ordinal);
    private readonly HttpClient? _http;
    private readonly bool _resolvesIncidents;
    private bool _flushed;

    public NotificationDispatcher(IReadOnlyList<INotifier> notifiers, ILogger logger, NotificationDeliveryOptions? options = null, IReadOnlyList<NotificationChannel>? channels = null, HttpClient? ownedHttp = null)
    {
        _logger = logger;
        _options = options ?? new NotificationDeliveryOptions();
        _http = ownedHttp;
        _resolvesIncidents = notifiers.Any(n => n is PagerDutyNotifier);
        _workers = [.. notifiers.Select(n => channels?.FirstOrDefault(c => c.Name == n.Name) is var channel
            ? new Worker(n, Pipeline(channel), Channel.CreateBounded<RunNotification>(new BoundedChannelOptions(_options.QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite }))
            {
                Timeout = channel?.Timeout ?? TimeSpan.FromSeconds(10),
            }
            : null!)];
        foreach (var worker in _workers)
        {
            worker.Task = Task.Run(() => DeliverAsync(worker));
        }
    }

    /// <summary>Names of the channels notified.</summary>
    public IReadOnlyList<string> Channels => [.. _workers.Select(w => w.Notifier.Name)];

    /// <summary>
    /// Builds the notifiers of <paramref name="channels"/>, reading their secrets (a missing one is a
    /// <see cref="UserInputException"/> naming the ferry.yaml line, before any run starts).
    /// </summary>
    public static NotificationDispatcher Create(IReadOnlyList<NotificationChannel> channels, ILogger logger, NotificationDeliveryOptions? options = null)
    {
        // Polly owns the timeouts (per attempt); HttpClient's own 100 s default would only hide them.
        var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("ferry");
        try
        {
            var notifiers = channels.Select(c => Notifier(c, http)).ToList();
            return new NotificationDispatcher(notifiers, logger, options, channels, http);
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    private static INotifier Notifier(NotificationChannel c, HttpClient http) => c.Type switch
    {
        NotificationChannel.Slack => new SlackNotifier(c, c.Url!.Resolve(), http),
        NotificationChannel.Webhook => new WebhookNotifier(c, c.Url?.Resolve() ?? c.PlainUrl!, http),
        NotificationChannel.PagerDuty => new PagerDutyNotifier(c, c.RoutingKey!.Resolve(), http),
        NotificationChannel.Email => CheckedEmail(c),
        _ => throw new UserInputException($"{c.Location}: notification channel '{c.Name}': unknown type '{c.Type}'"),
    };

    private static EmailNotifier CheckedEmail(NotificationChannel c)
    {
        foreach (var address in c.To.Append(c.From!))
        {
            if (!MimeKit.MailboxAddress.TryParse(address, out _))
            {
                throw new UserInputException($"{c.Location}: notification channel '{c.Name}': '{address}' is not an e-mail address");
            }
        }

        return new EmailNotifier(c, c.Password?.Resolve());
    }

    public void OnRunEvent(RunEvent runEvent)
    {
        if (NotificationEvents.Of(runEvent) is not { } name)
        {
            return;
        }

        if (name == NotificationEvents.Started && _resolvesIncidents && runEvent.Journal is { } journal)
        {
            // Read while the run (and so its store) is surely open; the completion, if it comes, resolves these.
            _openIncidents.TryAdd(runEvent.RunId, Task.Run(() => EarlierFailuresAsync(journal, runEvent)));
        }

        var notification = new RunNotification(name, runEvent);
        foreach (var worker in _workers)
        {
            if (!worker.Queue.Writer.TryWrite(notification))
            {
                NotificationLog.Dropped(_logger, name, runEvent.RunId, worker.Notifier.Name);
            }
        }
    }

    /// <summary>Stops taking notifications and waits (at most <see cref="NotificationDeliveryOptions.FlushTime"/>) for
    /// those queued; what is left is abandoned and logged.</summary>
    public async Task FlushAsync()
    {
        if (_flushed)
        {
            return;
        }

        _flushed = true;
        foreach (var worker in _workers)
        {
            worker.Queue.Writer.TryComplete();
        }

        var all = Task.WhenAll(_workers.Select(w => w.Task!));
        if (await Task.WhenAny(all, Task.Delay(_options.FlushTime)).ConfigureAwait(false) != all)
        {
            await _abandon.CancelAsync().ConfigureAwait(false);
            await all.ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await FlushAsync().ConfigureAwait(false);
        _abandon.Dispose();
        _http?.Dispose();
    }

    private async Task DeliverAsync(Worker worker)
    {
        var abandoned = 0;
        await foreach (var queued in worker.Queue.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            if (_abandon.IsCancellationRequested)
            {
                abandoned++;
                continue;
            }

            var notification = await WithResolvesAsync(queued).ConfigureAwait(false);
            if (!worker.Notifier.Wants(notification))
            {
                continue;
            }

            var attempts = 0;
            try
            {
                await worker.Pipeline.ExecuteAsync(async token =>
                {
                    attempts++;
                    await worker.Notifier.SendAsync(notification, token).ConfigureAwait(false);
                }, _abandon.Token).ConfigureAwait(false);
                NotificationLog.Delivered(_logger, notification.Event, notification.Run.Kind, notification.Run.RunId, worker.Notifier.Name);
            }
#pragma warning disable CA1031 // whatever a channel throws, the run goes on: the failure is logged and journaled
            catch (Exception e)
#pragma warning restore CA1031
            {
                if (_abandon.IsCancellationRequested)
                {
                    abandoned++;
                    continue;
                }

                var error = SecretRedactor.Redact(e is Polly.Timeout.TimeoutRejectedException ? $"no answer within {worker.Timeout.TotalSeconds:0.#} s" : e.Message);
                NotificationLog.Failed(_logger, notification.Event, notification.Run.Kind, notification.Run.RunId, worker.Notifier.Name, attempts, error);
                await RecordFailureAsync(notification, worker.Notifier.Name, attempts, error).ConfigureAwait(false);
            }
        }

        if (abandoned > 0)
        {
            NotificationLog.Abandoned(_logger, abandoned, worker.Notifier.Name, _options.FlushTime.TotalSeconds);
        }
    }

    private async Task<RunNotification> WithResolvesAsync(RunNotification notification)
    {
        if (notification.Event != NotificationEvents.Completed || !_openIncidents.TryGetValue(notification.Run.RunId, out var earlier))
        {
            return notification;
        }

        try
        {
            return notification with { Resolves = await earlier.ConfigureAwait(false) };
        }
#pragma warning disable CA1031 // the journal could not be read (its store closed): nothing to resolve, the run is not affected
        catch (Exception e)
#pragma warning restore CA1031
        {
            // The log sink redacts every line (URIs and registered secrets).
            NotificationLog.NotRecorded(_logger, notification.Run.RunId, e.Message);
            return notification;
        }
    }

    /// <summary>Failed, rolled-back runs of the same kind on the same database since its last completed run.</summary>
    private static async Task<IReadOnlyList<string>> EarlierFailuresAsync(RunJournal journal, RunEvent started)
    {
        var failures = new List<string>();
        await foreach (var run in journal.ListAsync().ConfigureAwait(false))
        {
            // The journal lists runs in start order: what started after this run is not "earlier", even when this
            // read runs late (a loaded machine) and a later run of the same kind has completed meanwhile.
            if (run["_id"].ToString() == started.RunId)
            {
                break;
            }

            if (run.GetValue("kind", BsonNull.Value).ToString() != started.Kind)
            {
                continue;
            }

            switch (run.GetValue("status", BsonNull.Value).ToString())
            {
                case RunStatus.Completed:
                    failures.Clear();
                    break;
                case RunStatus.Failed or RunStatus.RolledBack or RunStatus.RollbackFailed:
                    failures.Add(run["_id"].ToString()!);
                    break;
            }
        }

        return failures;
    }

    private async Task RecordFailureAsync(RunNotification notification, string channel, int attempts, string error)
    {
        if (notification.Run.Journal is not { } journal)
        {
            return;
        }

        var failures = _failures.GetOrAdd(notification.Run.RunId, _ => []);
        BsonArray copy;
        lock (failures)
        {
            failures.Add(new BsonDocument
            {
                { "channel", channel },
                { "event", notification.Event },
                { "at", DateTime.UtcNow },
                { "attempts", attempts },
                { "error", error },
            });
            copy = (BsonArray)failures.DeepClone();
        }

        try
        {
            await journal.SetAsync(notification.Run.RunId, new BsonDocument("notification_failures", copy)).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // the store may be closed already (the run ended): the log line above is the record
        catch (Exception e)
#pragma warning restore CA1031
        {
            // The log sink redacts every line (URIs and registered secrets).
            NotificationLog.NotRecorded(_logger, notification.Run.RunId, e.Message);
        }
    }

    private ResiliencePipeline Pipeline(NotificationChannel? channel)
    {
        var retries = channel?.Retries ?? 3;
        var builder = new ResiliencePipelineBuilder();
        if (retries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is not null && !args.Context.CancellationToken.IsCancellationRequested),
                MaxRetryAttempts = retries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.RetryDelay,
            });
        }

        return builder.AddTimeout(channel?.Timeout ?? TimeSpan.FromSeconds(10)).Build();
    }

    private sealed record Worker(INotifier Notifier, ResiliencePipeline Pipeline, Channel<RunNotification> Queue)
    {
        public Task? Task { get; set; }

        public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);
    }
}

using System.Net.Http.Headers;
using Ferry.Core.Runs;
using Prometheus;

namespace Ferry.Core.Observability;

/// <summary>
/// Pushes a registry to a Prometheus Pushgateway (PUT of the whole group, the text format written by prometheus-net)
/// when runs make progress, at most once per interval, and once more when disposed: batch runs are often shorter than
/// a scrape interval. The grouping key is <c>job</c> plus <c>instance</c> = host and process id, so two Ferry
/// processes never overwrite each other's series. Runs on its own task: the run's thread only signals it.
/// </summary>
internal sealed class PushgatewayPusher : IRunObserver, IAsyncDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    private readonly CollectorRegistry _registry;
    private readonly Uri _target;
    private readonly TimeSpan _interval;
    private readonly HttpClient _http = new() { Timeout = RequestTimeout };
    private readonly SemaphoreSlim _signal = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _pending;

    public PushgatewayPusher(CollectorRegistry registry, Uri gateway, string job, TimeSpan interval)
    {
        _registry = registry;
        _interval = interval;
        var instance = $"{Environment.MachineName}_{Environment.ProcessId}";
        _target = new Uri(gateway, $"{gateway.AbsolutePath.TrimEnd('/')}/metrics/job/{Uri.EscapeDataString(job)}/instance/{Uri.EscapeDataString(instance)}");
        _loop = Task.Run(LoopAsync);
    }

    public string? LastFailure { get; private set; }

    public void OnRunEvent(RunEvent runEvent)
    {
        if (Interlocked.Exchange(ref _pending, 1) == 0)
        {
            _signal.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);

        // The final push: the run's last counts and its final status.
        await PushAsync(CancellationToken.None).ConfigureAwait(false);
        _http.Dispose();
        _signal.Dispose();
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        try
        {
            while (true)
            {
                await _signal.WaitAsync(_stop.Token).ConfigureAwait(false);
                Interlocked.Exchange(ref _pending, 0);
                await PushAsync(_stop.Token).ConfigureAwait(false);
                await Task.Delay(_interval, _stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed: the final push follows.
        }
    }

    private async Task PushAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var body = new MemoryStream();
            await _registry.CollectAndExportAsTextAsync(body, cancellationToken).ConfigureAwait(false);
            body.Position = 0;
            using var content = new StreamContent(body);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse("text/plain; version=0.0.4; charset=utf-8");
            using var response = await _http.PutAsync(_target, content, cancellationToken).ConfigureAwait(false);
            LastFailure = response.IsSuccessStatusCode ? null : $"{(int)response.StatusCode} {response.ReasonPhrase}: {await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}".Trim();
        }
        catch (HttpRequestException e)
        {
            LastFailure = e.Message;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LastFailure = $"no answer within {RequestTimeout.TotalSeconds:0} s";
        }
    }
}

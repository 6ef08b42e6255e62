using Ferry.Core.Runs;
using MongoDB.Bson;

namespace Ferry.Cli.Tests.Monitoring;

/// <summary>
/// <c>--metrics-push</c> and <c>--metrics-port</c> against the real thing: a transform pushes its series to a real
/// Prometheus Pushgateway (read back from the gateway), and the /metrics it serves during the run passes
/// <c>promtool check metrics</c>. Other tests' runs share the process-wide meter, so each test reads its own run id.
/// </summary>
public sealed class MetricsExportTests : IDisposable
{
    private const int Documents = 250;
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [SkippableFact]
    public async Task A_transform_with_metrics_push_leaves_its_exact_counts_and_final_status_in_the_pushgateway()
    {
        Skip.If(PrometheusTools.Pushgateway is null, PrometheusTools.MissingReason);
        using var gateway = await PushgatewayProcess.StartAsync(PrometheusTools.Pushgateway!);
        var rules = await SeedAsync();

        var (exit, stdout, stderr) = await CliHarness.RunSplitAsync(
            "transform", "--rules", rules, "--source-uri", _cli.StoreUri, "--source-db", "app", "--target-db", "pushed", "--batch-size", "50", "--partitions", "1", "--json", "--metrics-push", gateway.Url.ToString());

        Assert.True(exit == 0, stdout + stderr);
        var runId = BsonDocument.Parse(stdout)["runId"].AsString;
        var pushed = await gateway.MetricsAsync();
        var run = ("migration_id", runId);
        Assert.Equal(Documents, MetricsText.Value(pushed, "ferry_migration_processed_documents", run, ("kind", "transform"), ("job", "ferry")));
        Assert.Equal(0, MetricsText.Value(pushed, "ferry_migration_quarantined_documents", run));
        Assert.Equal(Documents, MetricsText.Value(pushed, "ferry_migration_collection_processed_documents", run, ("collection", "items")));
        // One partition of 250 documents in batches of 50: five batch timings for the histogram.
        Assert.Equal(Documents / 50, MetricsText.Value(pushed, "ferry_migration_batch_duration_seconds_count", run, ("collection", "items")));
        Assert.Equal(0, MetricsText.Value(pushed, "ferry_migration_error_rate", run));
        Assert.Equal(1, MetricsText.Value(pushed, "ferry_migration_run_status", run, ("status", RunStatus.Completed)));
        Assert.Equal(0, MetricsText.Value(pushed, "ferry_migration_run_status", run, ("status", RunStatus.Running)));
        Assert.InRange(MetricsText.Value(pushed, "ferry_migration_memory_usage", run)!.Value, 0, 1);
        Assert.True(MetricsText.Value(pushed, "ferry_migration_documents_per_second", run) > 0);
        Assert.Equal("", stderr);
    }

    [SkippableFact]
    public async Task The_metrics_served_during_a_run_pass_promtool_check_metrics()
    {
        Skip.If(PrometheusTools.Promtool is null, PrometheusTools.MissingReason);
        var rules = await SeedAsync();
        var port = PrometheusTools.FreePort();

        // Hold the run at its finished event (observers run on the run's thread, in order of subscription: the
        // metrics first) while the test scrapes; the exporter still serves, the verb has not returned.
        Ferry.Core.Observability.RunMetrics.Subscribe();
        using var hold = new HoldAtFinish("served");
        using var subscription = RunEvents.Subscribe(hold);
        // On a task of its own: the embedded store completes synchronously, so the run would hold this very thread.
        var run = Task.Run(() => CliHarness.RunSplitAsync(
            "transform", "--rules", rules, "--source-uri", _cli.StoreUri, "--source-db", "app", "--target-db", "served", "--json", "--metrics-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (await Task.WhenAny(run, hold.Reached.Task).WaitAsync(TimeSpan.FromMinutes(1)) == run)
        {
            var (early, @out, err) = await run;
            Assert.Fail($"the run ended (exit {early}) before its finished event: {@out}{err}");
        }

        var runId = await hold.Reached.Task;
        string scraped;
        using (var http = new HttpClient())
        {
            scraped = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"));
        }

        hold.Release();
        var (exit, stdout, stderr) = await run;

        Assert.True(exit == 0, stdout + stderr);
        Assert.Equal(runId, BsonDocument.Parse(stdout)["runId"].AsString);
        var id = ("migration_id", runId);
        Assert.Equal(Documents, MetricsText.Value(scraped, "ferry_migration_processed_documents", id));
        Assert.Equal(1, MetricsText.Value(scraped, "ferry_migration_run_status", id, ("status", RunStatus.Completed)));
        Assert.Equal(0, MetricsText.Value(scraped, "ferry_migration_run_status", id, ("status", RunStatus.Running)));
        Assert.NotNull(MetricsText.Value(scraped, "ferry_migration_start_time_seconds", id));
        var (check, report) = await PrometheusTools.RunAsync(PrometheusTools.Promtool!, scraped, "check", "metrics");
        Assert.True(check == 0, report + "\n" + scraped);
        await Assert.ThrowsAsync<HttpRequestException>(async () =>
        {
            using var http = new HttpClient();
            await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"));
        });
    }

    [Fact]
    public async Task A_push_url_that_is_not_http_exits_2_naming_the_option_and_writes_nothing()
    {
        var rules = await SeedAsync();

        var (exit, stdout, stderr) = await CliHarness.RunSplitAsync(
            "transform", "--rules", rules, "--source-uri", _cli.StoreUri, "--source-db", "app", "--target-db", "never", "--metrics-push", "ftp://admin:hunter2@gateway:9091");

        Assert.Equal(2, exit);
        Assert.Contains("--metrics-push ftp://admin:***@gateway:9091: expected the Pushgateway's http:// or https:// URL", stderr.ReplaceLineEndings(" "), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", stdout + stderr, StringComparison.Ordinal);
        Assert.Equal(0, await _cli.CountAsync("never", "items"));
    }

    [Fact]
    public async Task A_metrics_port_in_use_exits_2_naming_the_option_and_writes_nothing()
    {
        var rules = await SeedAsync();
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;

        var (exit, stdout, stderr) = await CliHarness.RunSplitAsync(
            "transform", "--rules", rules, "--source-uri", _cli.StoreUri, "--source-db", "app", "--target-db", "never", "--metrics-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(exit == 2, stdout + stderr);
        Assert.StartsWith($"error: --metrics-port {port}: cannot serve /metrics on 127.0.0.1:{port} (", stderr.Trim(), StringComparison.Ordinal);
        Assert.Equal(0, await _cli.CountAsync("never", "items"));
    }

    [Fact]
    public async Task A_dead_pushgateway_never_fails_the_run_and_is_reported_as_a_warning()
    {
        var rules = await SeedAsync();
        var deadPort = PrometheusTools.FreePort();

        var (exit, stdout, stderr) = await CliHarness.RunSplitAsync(
            "transform", "--rules", rules, "--source-uri", _cli.StoreUri, "--source-db", "app", "--target-db", "dead", "--metrics-push", $"http://127.0.0.1:{deadPort}");

        Assert.True(exit == 0, stdout + stderr);
        Assert.Equal(Documents, await _cli.CountAsync("dead", "items"));
        Assert.Contains($"--metrics-push http://127.0.0.1:{deadPort}/: the last push failed", stderr.ReplaceLineEndings(" "), StringComparison.Ordinal);
    }

    private async Task<string> SeedAsync()
    {
        await _cli.SeedAsync("app", "items", [.. Enumerable.Range(1, Documents).Select(i => new BsonDocument { { "_id", i }, { "name", $"item {i}" } })]);
        var rules = _cli.PathOf("transform.yaml");
        await File.WriteAllTextAsync(rules, "collections:\n  items:\n    id: keep\n    fields:\n      name: $name\n");
        return rules;
    }

    /// <summary>Blocks the run writing into <paramref name="targetDb"/> at its finished event until released.</summary>
    private sealed class HoldAtFinish(string targetDb) : IRunObserver, IDisposable
    {
        private readonly ManualResetEventSlim _release = new();

        public TaskCompletionSource<string> Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void OnRunEvent(RunEvent runEvent)
        {
            if (runEvent.Type == RunEventTypes.Finished && runEvent.Database == targetDb && Reached.TrySetResult(runEvent.RunId))
            {
                _release.Wait(TimeSpan.FromMinutes(1));
            }
        }

        public void Release() => _release.Set();

        public void Dispose() => _release.Dispose();
    }
}

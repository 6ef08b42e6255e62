using System.Net;
using Ferry.Cli.Infrastructure;
using Ferry.Core.Notifications;
using Ferry.Core.Runs;
using Ferry.Core.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using MongoDB.Bson;

namespace Ferry.Cli.Tests.Notifications;

/// <summary>
/// The dispatcher on a real journal (embedded store) and real receivers: PagerDuty's trigger/resolve cycle, and a
/// failed delivery recorded in the run's journal. The dispatcher observes every run in the process, so each test
/// looks only at its own run ids.
/// </summary>
public class NotificationDispatcherTests
{
    [Fact]
    public async Task Pagerduty_triggers_on_a_failure_and_a_rollback_and_a_later_success_of_the_same_kind_resolves_both()
    {
        using var http = new HttpReceiver(HttpStatusCode.Accepted);
        using var cli = new CliHarness();
        var key = "PD_KEY_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(key, "routing-key-" + key);
        var channel = new NotificationChannel
        {
            Name = "pager",
            Type = NotificationChannel.PagerDuty,
            Location = "test",
            Events = new HashSet<string> { NotificationEvents.Failed, NotificationEvents.RolledBack, NotificationEvents.Completed },
            RoutingKey = new SecretReference { Key = "routing_key_env", EnvironmentVariable = key, Location = "test" },
            Endpoint = http.Url("/v2/enqueue"),
        };
        var prefix = Guid.NewGuid().ToString("N")[..8];
        await using var store = await new StoreRegistry(StoreProviders.All()).OpenAsync(cli.StoreUri);
        var journal = new RunJournal(store.GetDatabase("app"));
        await using (var dispatcher = NotificationDispatcher.Create([channel], NullLogger.Instance))
        using (RunEvents.Subscribe(dispatcher))
        {
            await RunAsync(journal, prefix + "-other", "migrate", RunStatus.Failed);
            await RunAsync(journal, prefix + "-a", "transform", RunStatus.Failed, "rules failed on users");
            await RunAsync(journal, prefix + "-b", "transform", RunStatus.RollbackFailed, "restore did not verify");
            await RunAsync(journal, prefix + "-c", "transform", RunStatus.Completed);
            await RunAsync(journal, prefix + "-d", "transform", RunStatus.Completed);
            await dispatcher.FlushAsync();
        }

        var mine = http.On("/v2/enqueue").Where(b => b["dedup_key"]!.GetValue<string>().StartsWith(prefix, StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [("trigger", prefix + "-other"), ("trigger", prefix + "-a"), ("trigger", prefix + "-b"), ("resolve", prefix + "-a"), ("resolve", prefix + "-b")],
            mine.Select(b => (b["event_action"]!.GetValue<string>(), b["dedup_key"]!.GetValue<string>())));
        Assert.All(mine, b => Assert.Equal("routing-key-" + key, b["routing_key"]!.GetValue<string>()));
        var failed = mine[1]["payload"]!;
        Assert.Equal($"Ferry transform run {prefix}-a FAILED (app)", failed["summary"]!.GetValue<string>());
        Assert.Equal("error", failed["severity"]!.GetValue<string>());
        Assert.Equal(Environment.MachineName, failed["source"]!.GetValue<string>());
        Assert.Equal("app", failed["component"]!.GetValue<string>());
        Assert.Equal("transform", failed["group"]!.GetValue<string>());
        Assert.Equal("failed", failed["class"]!.GetValue<string>());
        Assert.Equal("rules failed on users", failed["custom_details"]!["message"]!.GetValue<string>());
        Assert.Equal("critical", mine[2]["payload"]!["severity"]!.GetValue<string>());
        Assert.Equal(3, mine[3].Count); // a resolve carries only routing_key, event_action and dedup_key
    }

    [Fact]
    public async Task A_delivery_that_fails_after_its_retries_is_recorded_in_the_run_journal()
    {
        using var cli = new CliHarness();
        var deadPort = LoopbackPorts.Free();
        var channel = new NotificationChannel
        {
            Name = "audit",
            Type = NotificationChannel.Webhook,
            Location = "test",
            Events = new HashSet<string>(NotificationEvents.All),
            PlainUrl = $"http://127.0.0.1:{deadPort}/hook",
            Retries = 2,
        };
        var runId = "dead-" + Guid.NewGuid().ToString("N")[..8];
        await using var store = await new StoreRegistry(StoreProviders.All()).OpenAsync(cli.StoreUri);
        var journal = new RunJournal(store.GetDatabase("app"));
        var options = new NotificationDeliveryOptions { RetryDelay = TimeSpan.FromMilliseconds(20) };
        await using (var dispatcher = NotificationDispatcher.Create([channel], NullLogger.Instance, options))
        using (RunEvents.Subscribe(dispatcher))
        {
            await RunAsync(journal, runId, "transform", RunStatus.Completed);
            await dispatcher.FlushAsync();
        }

        var failures = (await journal.GetAsync(runId))!["notification_failures"].AsBsonArray.Select(f => f.AsBsonDocument).ToList();
        Assert.Equal(["started", "completed"], failures.Select(f => f["event"].AsString));
        Assert.All(failures, f =>
        {
            Assert.Equal("audit", f["channel"].AsString);
            Assert.Equal(3, f["attempts"].ToInt32());
            Assert.Contains("refused", f["error"].AsString, StringComparison.OrdinalIgnoreCase);
        });
        Assert.Equal(RunStatus.Completed, (await journal.GetAsync(runId))!["status"].AsString);
    }

    private static async Task RunAsync(RunJournal journal, string runId, string kind, string status, string? reason = null)
    {
        await journal.StartAsync(runId, kind, new BsonDocument());
        await journal.FinishAsync(runId, status, reason);
    }
}

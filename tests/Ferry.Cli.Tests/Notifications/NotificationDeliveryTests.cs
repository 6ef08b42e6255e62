using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace Ferry.Cli.Tests.Notifications;

/// <summary>
/// A real <c>ferry transform</c> (child process) with every kind of channel configured in ferry.yaml, delivering to
/// real receivers on 127.0.0.1: an HTTP listener (Slack, PagerDuty, webhook) and an SMTP server.
/// </summary>
public class NotificationDeliveryTests
{
    [Fact]
    public async Task A_transform_run_notifies_slack_email_and_the_webhook_of_its_start_and_completion_before_the_process_ends()
    {
        using var http = new HttpReceiver();
        using var smtp = new SmtpReceiver();
        using var fixture = await TransformFixture.CreateAsync($"""
            notifications:
              team-slack:
                type: slack
                url_env: TEST_SLACK_URL
              ops-mail:
                type: email
                host: 127.0.0.1
                port: {smtp.Port}
                security: none
                from: ferry@example.test
                to: [devops@example.test, eng@example.test]
              pager:
                type: pagerduty
                routing_key_env: TEST_PD_KEY
                endpoint: {http.Url("/pagerduty")}
              audit:
                type: webhook
                url: {http.Url("/webhook")}
            """);
        var environment = new Dictionary<string, string> { ["TEST_SLACK_URL"] = http.Url("/services/T0/B0/slacksecret"), ["TEST_PD_KEY"] = "pd-routing-key-1" };

        var outcome = await fixture.RunAsync(environment, fixture.TransformArgs("prod"));

        Assert.True(outcome.Exit == 0, outcome.Text);
        var result = TransformFixture.Result(outcome);
        var runId = result["runId"]!.GetValue<string>();
        var processed = result["collections"]!.AsArray().Sum(c => c!["processed"]!.GetValue<long>());
        var written = result["collections"]!.AsArray().Sum(c => c!["written"]!.GetValue<long>());
        var quarantined = result["collections"]!.AsArray().Sum(c => c!["quarantined"]!.GetValue<long>());
        Assert.True(processed > 0);

        // Everything was delivered before the process exited: no waiting here.
        var webhook = http.On("/webhook");
        Assert.Equal(2, webhook.Count);
        AssertEvent(webhook[0], "started", "started", runId, status: null);
        Assert.Equal(0, webhook[0]["processed"]!.GetValue<long>());
        AssertEvent(webhook[1], "completed", "finished", runId, status: "completed");
        Assert.Equal(processed, webhook[1]["processed"]!.GetValue<long>());
        Assert.Equal(written, webhook[1]["written"]!.GetValue<long>());
        Assert.Equal(quarantined, webhook[1]["quarantined"]!.GetValue<long>());
        Assert.Equal(0, webhook[1]["errors"]!.GetValue<long>());
        Assert.Equal(Environment.MachineName, webhook[1]["host"]!.GetValue<string>());
        Assert.True(DateTime.TryParse(webhook[1]["at"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _));

        var slack = http.On("/services/T0/B0/slacksecret");
        Assert.Equal(2, slack.Count);
        Assert.Equal([$"Ferry transform run {runId} started (prod)", $"Ferry transform run {runId} completed (prod)"], slack.Select(s => s["text"]!.GetValue<string>().Split('\n')[0]));
        Assert.Contains($"processed {processed:N0}", slack[1]["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single(slack[1]);

        var mails = smtp.Messages.ToList();
        Assert.Equal(2, mails.Count);
        Assert.Equal([$"[ferry] Ferry transform run {runId} started (prod)", $"[ferry] Ferry transform run {runId} completed (prod)"], mails.Select(m => m.Subject));
        Assert.All(mails, m =>
        {
            Assert.Equal("ferry@example.test", m.From.Mailboxes.Single().Address);
            Assert.Equal(["devops@example.test", "eng@example.test"], m.To.Mailboxes.Select(a => a.Address));
        });
        Assert.StartsWith($"Ferry transform run {runId} completed (prod)\nprocessed {processed:N0}", mails[1].TextBody!.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);

        // A success with no failure before it pages nobody.
        Assert.Empty(http.On("/pagerduty"));
    }

    [Fact]
    public async Task Notify_names_the_only_channels_that_hear_of_the_run()
    {
        using var http = new HttpReceiver();
        using var fixture = await TransformFixture.CreateAsync($"""
            notifications:
              audit:
                type: webhook
                url: {http.Url("/audit")}
              other:
                type: webhook
                url: {http.Url("/other")}
            """);

        var outcome = await fixture.RunAsync(null, fixture.TransformArgs("prod", "--notify", "audit"));

        Assert.True(outcome.Exit == 0, outcome.Text);
        Assert.Equal(["started", "completed"], http.On("/audit").Select(b => b["event"]!.GetValue<string>()));
        Assert.Empty(http.On("/other"));
    }

    [Fact]
    public async Task A_run_whose_receivers_are_all_down_still_completes_promptly_and_logs_each_failure()
    {
        using var fixture = await TransformFixture.CreateAsync($"""
            notifications:
              team-slack:
                type: slack
                url_env: TEST_SLACK_URL
              ops-mail:
                type: email
                host: 127.0.0.1
                port: {LoopbackPorts.Free()}
                security: none
                from: ferry@example.test
                to: devops@example.test
              pager:
                type: pagerduty
                routing_key_env: TEST_PD_KEY
                endpoint: http://127.0.0.1:{LoopbackPorts.Free()}/v2/enqueue
              audit:
                type: webhook
                url: http://127.0.0.1:{LoopbackPorts.Free()}/hook
            """);
        var environment = new Dictionary<string, string> { ["TEST_SLACK_URL"] = $"http://127.0.0.1:{LoopbackPorts.Free()}/services/T0/B0/deadsecret", ["TEST_PD_KEY"] = "pd-routing-key-2" };
        var unobserved = await fixture.RunAsync(null, fixture.TransformArgs("baseline", "--notify", "none"));
        Assert.True(unobserved.Exit == 0, unobserved.Text);

        var outcome = await fixture.RunAsync(environment, [.. fixture.TransformArgs("prod"), "--notify", "team-slack", "--notify", "ops-mail", "--notify", "audit", "--notify", "pager"]);

        Assert.True(outcome.Exit == 0, outcome.Text);
        Assert.Equal("completed", TransformFixture.Result(outcome)["status"]!.GetValue<string>());

        // The run itself is not held up (its journaled duration is of the order of the same run unobserved) and the
        // process waits only the bounded flush (10 s) beyond it; each delivery was retried, then given up and logged.
        var duration = TransformFixture.Result(outcome)["durationMs"]!.GetValue<long>();
        var baseline = TransformFixture.Result(unobserved)["durationMs"]!.GetValue<long>();
        Assert.True(duration < baseline + 3_000, $"the run took {duration} ms, {baseline} ms without notifiers");
        Assert.True(outcome.Elapsed < unobserved.Elapsed + TimeSpan.FromSeconds(15), $"the process took {outcome.Elapsed}, {unobserved.Elapsed} without notifiers");
        var failures = outcome.Stderr.Split('\n').Where(l => l.Contains("failed after 4 attempt(s)", StringComparison.Ordinal)).ToList();
        foreach (var channel in new[] { "team-slack", "ops-mail", "audit" })
        {
            Assert.Contains(failures, l => l.Contains($"notification started of transform run", StringComparison.Ordinal) && l.Contains($"to {channel} failed", StringComparison.Ordinal));
        }

        Assert.DoesNotContain("deadsecret", outcome.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("pd-routing-key-2", outcome.Stderr, StringComparison.Ordinal);
    }

    private static void AssertEvent(JsonObject body, string notificationEvent, string type, string runId, string? status)
    {
        Assert.Equal(notificationEvent, body["event"]!.GetValue<string>());
        Assert.Equal(type, body["type"]!.GetValue<string>());
        Assert.Equal(runId, body["run_id"]!.GetValue<string>());
        Assert.Equal("transform", body["kind"]!.GetValue<string>());
        Assert.Equal("prod", body["database"]!.GetValue<string>());
        Assert.Equal(status, body["status"]?.GetValue<string>());
        Assert.Null(body["parent_run_id"]);
        Assert.Null(body["message"]);
    }
}

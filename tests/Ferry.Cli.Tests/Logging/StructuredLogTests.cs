using System.Net;
using System.Text.Json.Nodes;
using Ferry.Cli.Infrastructure.Logging;
using Ferry.Cli.Tests.Notifications;
using Ferry.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Ferry.Cli.Tests.Logging;

/// <summary>--log-format json / FERRY_LOG_FORMAT: one redacted JSON object per line on standard error.</summary>
public class StructuredLogTests
{
    [Fact]
    public async Task Json_logs_carry_run_id_verb_collection_and_event_and_never_a_notifier_secret()
    {
        const string Secret = "s3cr3t-token-in-the-path";
        using var receiver = new HttpReceiver(HttpStatusCode.InternalServerError, $"no such hook /hooks/{Secret}");
        using var fixture = await TransformFixture.CreateAsync($"""
            notifications:
              audit:
                type: webhook
                url_env: TEST_HOOK_URL
                retries: 0
            """);
        var environment = new Dictionary<string, string> { ["TEST_HOOK_URL"] = receiver.Url("/hooks/" + Secret) };

        var outcome = await fixture.RunAsync(environment, fixture.TransformArgs("prod", "--log-format", "json"));

        Assert.True(outcome.Exit == 0, outcome.Text);
        var runId = TransformFixture.Result(outcome)["runId"]!.GetValue<string>();
        Assert.Equal(2, receiver.On("/hooks/" + Secret).Count);
        Assert.DoesNotContain(Secret, outcome.Stderr, StringComparison.Ordinal);
        var lines = outcome.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();

        var started = Assert.Single(lines, l => l["category"]!.GetValue<string>() == "Ferry.Runs" && l["event"]!.GetValue<string>() == "started");
        Assert.Equal(runId, started["run_id"]!.GetValue<string>());
        Assert.Equal("transform", started["verb"]!.GetValue<string>());
        Assert.Equal("prod", started["database"]!.GetValue<string>());
        Assert.Null(started["collection"]);
        Assert.True(started.ContainsKey("collection"));
        Assert.Equal("info", started["level"]!.GetValue<string>());
        Assert.Equal("Ferry.Runs", started["category"]!.GetValue<string>());
        Assert.Equal($"transform run {runId} started on prod", started["message"]!.GetValue<string>());

        var finished = Assert.Single(lines, l => l["category"]!.GetValue<string>() == "Ferry.Runs" && l["event"]!.GetValue<string>() == "finished");
        Assert.Equal("completed", finished["status"]!.GetValue<string>());
        Assert.Equal(runId, finished["run_id"]!.GetValue<string>());
        Assert.True(finished["processed"]!.GetValue<long>() > 0);

        // The receiver's answer quotes the secret; the failure line shows the answer with the secret hidden.
        var failures = lines.Where(l => l["category"]!.GetValue<string>() == "Ferry.Notifications").ToList();
        Assert.Equal(["started", "completed"], failures.Select(f => f["event"]!.GetValue<string>()));
        Assert.All(failures, f =>
        {
            Assert.Equal("warning", f["level"]!.GetValue<string>());
            Assert.Equal(runId, f["run_id"]!.GetValue<string>());
            Assert.Equal("transform", f["verb"]!.GetValue<string>());
            Assert.Equal("audit", f["channel"]!.GetValue<string>());
            Assert.Equal(1, f["attempts"]!.GetValue<long>());
            Assert.Equal("HTTP 500 Internal Server Error: no such hook ***", f["error"]!.GetValue<string>());
        });
    }

    [Fact]
    public async Task Ferry_log_format_in_the_environment_chooses_json_and_log_level_filters_lines()
    {
        using var fixture = await TransformFixture.CreateAsync("{}\n");

        var json = await fixture.RunAsync(new Dictionary<string, string> { ["FERRY_LOG_FORMAT"] = "json" }, fixture.TransformArgs("prod"));
        var quiet = await fixture.RunAsync(new Dictionary<string, string> { ["FERRY_LOG_FORMAT"] = "json" }, fixture.TransformArgs("prod2", "--log-level", "error"));
        var debug = await fixture.RunAsync(null, fixture.TransformArgs("prod3", "--log-format", "json", "--log-level", "debug"));

        Assert.Equal(0, json.Exit);
        Assert.Equal(["started", "finished"], json.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!["event"]!.GetValue<string>()));
        Assert.Equal(0, quiet.Exit);
        Assert.Equal(string.Empty, quiet.Stderr);
        var progress = debug.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).Where(l => l["event"]?.GetValue<string>() == "progress").ToList();
        Assert.NotEmpty(progress);
        Assert.All(progress, p => Assert.False(string.IsNullOrEmpty(p["collection"]?.GetValue<string>())));
    }

    [Theory]
    [InlineData("--log-format", "xml", "--log-format xml: expected text or json")]
    [InlineData("--log-level", "loud", "--log-level loud: expected trace, debug, info, warning, error, critical or none")]
    public async Task A_bad_log_option_is_refused_with_exit_2(string option, string value, string expected)
    {
        using var cli = new CliHarness();
        var (exit, output) = await CliHarness.RunAsync("runs", "list", "--uri", cli.StoreUri, "--db", "app", option, value);

        Assert.Equal(2, exit);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_log_line_hides_uri_passwords_and_registered_secrets_in_its_message_and_fields()
    {
        var secret = "routing-" + Guid.NewGuid().ToString("N");
        SecretRedactor.Register(secret);
        var fields = new List<KeyValuePair<string, object?>>
        {
            new("RunId", "r1"),
            new("Source", "mongodb://admin:hunter2@db.example:27017/app"),
            new("Detail", $"key {secret} refused"),
            new("{OriginalFormat}", "ignored"),
        };
        var line = new LogLine(DateTime.UnixEpoch, LogLevel.Warning, "Ferry.Test", new EventId(7), $"could not reach mongodb://admin:hunter2@db.example:27017/app with {secret}", fields, new InvalidOperationException($"boom {secret}"));

        var json = JsonNode.Parse(line.ToJson())!.AsObject();
        var text = line.ToText();

        Assert.Equal("could not reach mongodb://admin:***@db.example:27017/app with ***", json["message"]!.GetValue<string>());
        Assert.Equal("mongodb://admin:***@db.example:27017/app", json["source"]!.GetValue<string>());
        Assert.Equal("key *** refused", json["detail"]!.GetValue<string>());
        Assert.Equal("InvalidOperationException: boom ***", json["exception"]!.GetValue<string>());
        Assert.Equal("r1", json["run_id"]!.GetValue<string>());
        Assert.Null(json["collection"]);
        Assert.Equal("00:00:00 warning could not reach mongodb://admin:***@db.example:27017/app with ***: boom ***", text);
        Assert.DoesNotContain("hunter2", line.ToJson() + text, StringComparison.Ordinal);
    }
}

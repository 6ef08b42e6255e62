namespace Ferry.Cli.Tests.Notifications;

/// <summary>Mistakes in notifications: and --notify are bad input: one line naming where, exit 2, nothing run.</summary>
public class NotificationConfigTests
{
    [Theory]
    [InlineData("notifications:\n  chat:\n    type: slack\n    url: https://hooks.slack.com/services/x\n", "ferry.yaml:3:5: notification channel 'chat' (slack): missing url_env or url_file (a Slack incoming webhook URL is a secret)")]
    [InlineData("notifications:\n  chat:\n    type: sms\n", "ferry.yaml:3:11: type 'sms': expected one of: slack, email, pagerduty, webhook")]
    [InlineData("notifications:\n  chat:\n    type: webhook\n    url: ftp://x\n", "ferry.yaml:4:10: url: expected an http:// or https:// URL")]
    [InlineData("notifications:\n  chat:\n    type: webhook\n    url: http://x\n    events: [done]\n", "ferry.yaml:5:14: an event 'done': expected one of: started, completed, failed, stopped, rolled_back, alert_fired")]
    [InlineData("notifications:\n  mail:\n    type: email\n    host: smtp\n    from: a@b.c\n", "ferry.yaml:3:5: notification channel 'mail' (email): missing to")]
    [InlineData("notifications:\n  mail:\n    type: email\n    hots: smtp\n", "ferry.yaml:4:5: unknown key 'hots' for notification channel 'mail'; expected one of:")]
    public async Task A_mistake_in_notifications_names_its_line_and_exits_2(string yaml, string expected)
    {
        var (exit, output) = await RunAsync(yaml, [], "transform");

        Assert.Equal(2, exit);
        Assert.Contains(expected, output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_secret_whose_variable_is_not_set_names_the_variable_and_exits_2()
    {
        var (exit, output) = await RunAsync("notifications:\n  chat:\n    type: slack\n    url_env: FERRY_TEST_UNSET_SLACK_URL\n", [], "transform");

        Assert.Equal(2, exit);
        Assert.Contains("ferry.yaml:4:14: url_env: the environment variable FERRY_TEST_UNSET_SLACK_URL is not set", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notify_with_a_name_not_in_ferry_yaml_lists_the_channels_and_exits_2()
    {
        var (exit, output) = await RunAsync("notifications:\n  audit:\n    type: webhook\n    url: http://127.0.0.1:9/x\n", ["--notify", "audti"], "transform");

        Assert.Equal(2, exit);
        Assert.Contains("--notify audti: no such channel in notifications: of", output, StringComparison.Ordinal);
        Assert.Contains("expected one of: audit, none", output, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output)> RunAsync(string yaml, string[] more, string verb)
    {
        using var cli = new CliHarness();
        await File.WriteAllTextAsync(cli.PathOf("ferry.yaml"), yaml);
        await File.WriteAllTextAsync(cli.PathOf("rules.yaml"), "collections: {}\n");
        return await FerryProcess.RunAsync(cli.Folder, null, [verb, "--rules", cli.PathOf("rules.yaml"), "--source-uri", cli.StoreUri, "--source-db", "a", "--target-db", "b", .. more]);
    }
}

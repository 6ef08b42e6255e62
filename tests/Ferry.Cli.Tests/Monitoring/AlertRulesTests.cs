namespace Ferry.Cli.Tests.Monitoring;

/// <summary>
/// deploy/prometheus/ferry-alerts.yml is valid (<c>promtool check rules</c>) and its unit tests pass
/// (<c>promtool test rules</c>: each alert fires on a run that should fire it, quiet on finished or healthy runs).
/// </summary>
public class AlertRulesTests
{
    private static string DeployFolder
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Ferry.slnx")))
                {
                    return Path.Combine(dir.FullName, "deploy", "prometheus");
                }
            }

            throw new InvalidOperationException("the repository root (Ferry.slnx) is not above the test binaries");
        }
    }

    [SkippableFact]
    public async Task The_alert_rules_pass_promtool_check_rules()
    {
        Skip.If(PrometheusTools.Promtool is null, PrometheusTools.MissingReason);

        var (exit, output) = await PrometheusTools.RunAsync(PrometheusTools.Promtool!, null, "check", "rules", Path.Combine(DeployFolder, "ferry-alerts.yml"));

        Assert.True(exit == 0, output);
        Assert.Contains("SUCCESS: 4 rules found", output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_alert_rules_pass_their_promtool_unit_tests()
    {
        Skip.If(PrometheusTools.Promtool is null, PrometheusTools.MissingReason);

        var (exit, output) = await PrometheusTools.RunAsync(PrometheusTools.Promtool!, null, "test", "rules", Path.Combine(DeployFolder, "ferry-alerts.test.yml"));

        Assert.True(exit == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_alert_of_the_rules_is_one_ferry_evaluates_in_process()
    {
        var rules = File.ReadAllText(Path.Combine(DeployFolder, "ferry-alerts.yml"));
        string[] inProcess =
        [
            Ferry.Core.Observability.AlertThresholds.HighErrorRate, Ferry.Core.Observability.AlertThresholds.SlowProgress,
            Ferry.Core.Observability.AlertThresholds.HighMemoryUsage, Ferry.Core.Observability.AlertThresholds.Stalled,
        ];

        var names = System.Text.RegularExpressions.Regex.Matches(rules, @"- alert: (\w+)").Select(m => m.Groups[1].Value);

        Assert.Equal(inProcess, names);
    }
}

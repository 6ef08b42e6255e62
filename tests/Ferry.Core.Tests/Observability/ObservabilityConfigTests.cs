using Ferry.Core.Configuration;
using Ferry.Core.Errors;
using Ferry.Core.Observability;

namespace Ferry.Core.Tests.Observability;

/// <summary><c>metrics:</c> and <c>alerts:</c> in ferry.yaml: values read, the guide's thresholds by default, bad values named by place.</summary>
public sealed class ObservabilityConfigTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ferry-observability-config-" + Guid.NewGuid().ToString("N"));

    public ObservabilityConfigTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Without_alerts_the_guide_thresholds_apply()
    {
        var config = Load("db: shop\n");

        Assert.Equal(
            (true, 0.05, TimeSpan.FromMinutes(5), 10.0, TimeSpan.FromMinutes(10), 0.9, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10)),
            (config.Alerts.Enabled, config.Alerts.ErrorRate, config.Alerts.ErrorRateFor, config.Alerts.DocumentsPerSecond, config.Alerts.DocumentsPerSecondFor,
                config.Alerts.MemoryUsage, config.Alerts.MemoryUsageFor, config.Alerts.StalledFor));
        Assert.Equal(new MetricsConfig(), config.Metrics);
    }

    [Fact]
    public void Metrics_and_alerts_are_read_with_prometheus_durations()
    {
        var config = Load("metrics:\n  port: 9464\n  host: 0.0.0.0\n  push: http://gw:9091\nalerts:\n  error_rate: 0.1\n  error_rate_for: 90s\n  documents_per_second: 2.5\n  documents_per_second_for: 1h\n  memory_usage: 0.8\n  memory_usage_for: 250ms\n  stalled_for: 30\n  enabled: false\n");

        Assert.Equal(new MetricsConfig { Port = 9464, Host = "0.0.0.0", Push = "http://gw:9091" }, config.Metrics);
        Assert.Equal(
            new AlertThresholds
            {
                ErrorRate = 0.1, ErrorRateFor = TimeSpan.FromSeconds(90), DocumentsPerSecond = 2.5, DocumentsPerSecondFor = TimeSpan.FromHours(1),
                MemoryUsage = 0.8, MemoryUsageFor = TimeSpan.FromMilliseconds(250), StalledFor = TimeSpan.FromSeconds(30), Enabled = false,
            },
            config.Alerts);
    }

    [Theory]
    [InlineData("alerts:\n  error_rate: 5\n", ":2:15: expected alerts.error_rate: a ratio from 0 to 1 (0.05 is 5%), got 5")]
    [InlineData("alerts:\n  stalled_for: soon\n", ":2:16: expected alerts.stalled_for: a duration such as 30s, 5m or 1h")]
    [InlineData("alerts:\n  stalled: 5m\n", ":2:3: unknown key 'alerts.stalled'; expected one of: error_rate, error_rate_for, documents_per_second, documents_per_second_for, memory_usage, memory_usage_for, stalled_for, enabled")]
    [InlineData("alerts: 5m\n", ":1:9: expected a mapping of alert thresholds")]
    [InlineData("metrics:\n  port: 70000\n", ":2:9: expected metrics.port: a TCP port, 1 to 65535 (got '70000')")]
    [InlineData("metrics:\n  pushgateway: http://gw\n", ":2:3: unknown key 'metrics.pushgateway'; expected one of: port, host, push")]
    public void A_bad_value_is_bad_input_with_its_place(string yaml, string expected)
    {
        var path = Path.Combine(_folder, "ferry.yaml");
        File.WriteAllText(path, yaml);

        var e = Assert.Throws<UserInputException>(() => FerryConfig.Load(path));

        Assert.StartsWith(path + expected, e.Message, StringComparison.Ordinal);
    }

    private FerryConfig Load(string yaml)
    {
        var path = Path.Combine(_folder, "ferry.yaml");
        File.WriteAllText(path, yaml);
        return FerryConfig.Load(path);
    }
}

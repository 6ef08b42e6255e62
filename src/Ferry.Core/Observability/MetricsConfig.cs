using System.Globalization;
using Ferry.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace Ferry.Core.Observability;

/// <summary>
/// <c>metrics:</c> in ferry.yaml, the defaults of <c>--metrics-port</c>, <c>--metrics-host</c> and <c>--metrics-push</c>:
/// <code>
/// metrics:
///   port: 9464                          # serve /metrics while a run lasts
///   host: 127.0.0.1
///   push: http://pushgateway:9091       # push to a Prometheus Pushgateway
/// </code>
/// </summary>
public sealed record MetricsConfig
{
    private static readonly string[] Keys = ["port", "host", "push"];

    public int? Port { get; init; }

    public string? Host { get; init; }

    public string? Push { get; init; }

    public static MetricsConfig Parse(YamlNode node, string file)
    {
        if (node is not YamlMappingNode map)
        {
            throw YamlBson.Expected(file, node, "a mapping with port, host and/or push");
        }

        var config = new MetricsConfig();
        foreach (var (key, value) in map.Children)
        {
            var name = YamlBson.Text(key, file, "a key");
            config = name switch
            {
                "port" => config with { Port = ParsePort(value, file) },
                "host" => config with { Host = YamlBson.Text(value, file, "metrics.host: a host name or address") },
                "push" => config with { Push = YamlBson.Text(value, file, "metrics.push: a Pushgateway URL") },
                _ => throw YamlFile.Error(file, key, $"unknown key 'metrics.{name}'; expected one of: {string.Join(", ", Keys)}"),
            };
        }

        return config;
    }

    private static int ParsePort(YamlNode node, string file)
    {
        var text = YamlBson.Text(node, file, "metrics.port: a TCP port, 1 to 65535");
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535
            ? port
            : throw YamlBson.Expected(file, node, $"metrics.port: a TCP port, 1 to 65535 (got '{text}')");
    }
}

using Ferry.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace Ferry.Core.Health;

/// <summary>An external dependency from ferry.yaml's <c>health: endpoints:</c>: <c>{ url: http://…, status: 200 }</c>
/// (an HTTP GET answering that status) or <c>{ tcp: host:port }</c> (a connection accepted).</summary>
public sealed record HealthEndpoint(string? Url, int Status, string? Tcp)
{
    public string Name => Url ?? "tcp://" + Tcp;

    /// <summary>Reads <c>health:</c> — a mapping with one key, <c>endpoints:</c>, a list of endpoints.</summary>
    public static IReadOnlyList<HealthEndpoint> ParseSection(YamlNode node, string file)
    {
        if (node is not YamlMappingNode health)
        {
            throw YamlBson.Expected(file, node, "a mapping with endpoints: (a list of { url, status } or { tcp: host:port })");
        }

        var endpoints = new List<HealthEndpoint>();
        foreach (var (key, value) in health.Children)
        {
            if (YamlBson.Text(key, file, "a key") != "endpoints")
            {
                throw YamlFile.Error(file, key, "unknown key under health:; expected endpoints");
            }

            endpoints.AddRange(YamlValues.Items(value, file, "a list of endpoints", item => Parse(item, file)));
        }

        return endpoints;
    }

    private static HealthEndpoint Parse(YamlNode node, string file)
    {
        if (node is not YamlMappingNode map)
        {
            throw YamlBson.Expected(file, node, "an endpoint: { url: http://…, status: 200 } or { tcp: host:port }");
        }

        string? url = null, tcp = null;
        var status = 200;
        foreach (var (key, value) in map.Children)
        {
            var name = YamlBson.Text(key, file, "a key");
            var text = YamlBson.Text(value, file, $"a value for '{name}'");
            switch (name)
            {
                case "url" when Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == "http" || uri.Scheme == "https"):
                    url = text;
                    break;
                case "url":
                    throw YamlFile.Error(file, value, $"url {text}: expected an http:// or https:// URL");
                case "status" when int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var code) && code is >= 100 and <= 599:
                    status = code;
                    break;
                case "status":
                    throw YamlFile.Error(file, value, $"status {text}: expected an HTTP status code (100-599)");
                case "tcp" when TryHostPort(text, out _, out _):
                    tcp = text;
                    break;
                case "tcp":
                    throw YamlFile.Error(file, value, $"tcp {text}: expected host:port");
                default:
                    throw YamlFile.Error(file, key, $"unknown key '{name}' in an endpoint; expected url, status or tcp");
            }
        }

        return (url, tcp) switch
        {
            (null, null) or (not null, not null) => throw YamlFile.Error(file, node, "an endpoint needs exactly one of url: or tcp:"),
            _ => new HealthEndpoint(url, status, tcp),
        };
    }

    public static bool TryHostPort(string text, out string host, out int port)
    {
        var colon = text.LastIndexOf(':');
        host = colon > 0 ? text[..colon] : "";
        port = 0;
        return colon > 0 && int.TryParse(text[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture, out port) && port is > 0 and <= 65535;
    }
}

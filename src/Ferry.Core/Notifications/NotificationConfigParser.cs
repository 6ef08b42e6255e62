using Ferry.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace Ferry.Core.Notifications;

/// <summary>
/// Reads <c>notifications:</c> of ferry.yaml: a mapping of channel names to channels. Every mistake is one line with
/// FILE:LINE:COLUMN. Secrets are only named here (<c>url_env</c>, <c>password_file</c> …), read later by
/// <see cref="SecretReference.Resolve"/>.
/// </summary>
public static class NotificationConfigParser
{
    private static readonly string[] SecuritySettings = ["starttls", "starttls_when_available", "ssl", "none"];

    public static IReadOnlyList<NotificationChannel> Parse(YamlNode node, string file) =>
        YamlValues.Entries(node, file, "a mapping of channel names to channels (notifications: {ops-slack: {type: slack, url_env: SLACK_WEBHOOK_URL}})",
            (key, value) => Channel(YamlBson.Text(key, file, "a channel name"), value, file));

    private static NotificationChannel Channel(string name, YamlNode node, string file)
    {
        var where = YamlFile.Where(file, node);
        string? type = null;
        IReadOnlySet<string>? events = null;
        var channel = new NotificationChannel { Name = name, Type = "", Location = where, Events = new HashSet<string>() };
        var keys = new YamlKeyTable(file);
        keys.Add("type", v => type = OneOf(v, file, "type", NotificationChannel.Types));
        keys.Add("events", v => events = YamlValues.Items(v, file, $"a list of events ({string.Join(", ", NotificationEvents.All)})",
            item => OneOf(item, file, "an event", NotificationEvents.All)).ToHashSet(StringComparer.Ordinal));
        keys.Add("url", v => channel = channel with { PlainUrl = HttpUrl(v, file, "url") });
        keys.Add("url_env", v => channel = channel with { Url = FromEnvironment(v, file, "url_env") });
        keys.Add("url_file", v => channel = channel with { Url = FromFile(v, file, "url_file") });
        keys.Add("endpoint", v => channel = channel with { Endpoint = HttpUrl(v, file, "endpoint") });
        keys.Add("routing_key_env", v => channel = channel with { RoutingKey = FromEnvironment(v, file, "routing_key_env") });
        keys.Add("routing_key_file", v => channel = channel with { RoutingKey = FromFile(v, file, "routing_key_file") });
        keys.Add("host", v => channel = channel with { Host = YamlBson.Text(v, file, "an SMTP host name") });
        keys.Add("port", v => channel = channel with { Port = Number(v, file, "port", 1, 65535) });
        keys.Add("security", v => channel = channel with { Security = OneOf(v, file, "security", SecuritySettings) });
        keys.Add("username", v => channel = channel with { Username = YamlBson.Text(v, file, "an SMTP user name") });
        keys.Add("password_env", v => channel = channel with { Password = FromEnvironment(v, file, "password_env") });
        keys.Add("password_file", v => channel = channel with { Password = FromFile(v, file, "password_file") });
        keys.Add("from", v => channel = channel with { From = YamlBson.Text(v, file, "a sender address") });
        keys.Add("to", v => channel = channel with { To = v is YamlScalarNode ? [YamlBson.Text(v, file, "an address")] : YamlValues.StringList(v, file, "a list of addresses") });
        keys.Add("timeout_seconds", v => channel = channel with { Timeout = TimeSpan.FromSeconds(Number(v, file, "timeout_seconds", 1, 300)) });
        keys.Add("retries", v => channel = channel with { Retries = Number(v, file, "retries", 0, 10) });
        keys.Read(node, $"a mapping for channel '{name}' (type: slack | email | pagerduty | webhook, …)", keys.UnknownFor($"notification channel '{name}'"));

        if (type is null)
        {
            throw new Errors.UserInputException($"{where}: notification channel '{name}': missing 'type' ({string.Join(" | ", NotificationChannel.Types)})");
        }

        channel = channel with { Type = type, Events = events ?? DefaultEvents(type) };
        Require(channel, where);
        return channel;
    }

    /// <summary>PagerDuty pages for trouble only (and hears of successes to resolve); the others hear everything.</summary>
    private static HashSet<string> DefaultEvents(string type) => type == NotificationChannel.PagerDuty
        ? [NotificationEvents.Failed, NotificationEvents.RolledBack, NotificationEvents.Completed]
        : [.. NotificationEvents.All];

    private static void Require(NotificationChannel c, string where)
    {
        string? missing = c.Type switch
        {
            NotificationChannel.Slack when c.Url is null => "url_env or url_file (a Slack incoming webhook URL is a secret)",
            NotificationChannel.Webhook when c.Url is null && c.PlainUrl is null => "url, url_env or url_file",
            NotificationChannel.PagerDuty when c.RoutingKey is null => "routing_key_env or routing_key_file",
            NotificationChannel.Email when c.Host is null => "host",
            NotificationChannel.Email when c.From is null => "from",
            NotificationChannel.Email when c.To.Count == 0 => "to",
            NotificationChannel.Email when c.Username is not null && c.Password is null => "password_env or password_file (username is set)",
            _ => null,
        };
        if (missing is not null)
        {
            throw new Errors.UserInputException($"{where}: notification channel '{c.Name}' ({c.Type}): missing {missing}");
        }
    }

    private static SecretReference FromEnvironment(YamlNode node, string file, string key) =>
        new() { Key = key, EnvironmentVariable = YamlBson.Text(node, file, "an environment variable name"), Location = YamlFile.Where(file, node) };

    private static SecretReference FromFile(YamlNode node, string file, string key)
    {
        var path = YamlBson.Text(node, file, "a file path");
        var folder = Path.GetDirectoryName(Path.GetFullPath(file)) ?? Environment.CurrentDirectory;
        return new() { Key = key, FilePath = Path.Combine(folder, path), Location = YamlFile.Where(file, node) };
    }

    private static string HttpUrl(YamlNode node, string file, string key)
    {
        var text = YamlBson.Text(node, file, "a URL");
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? text
            : throw YamlFile.Error(file, node, $"{key}: expected an http:// or https:// URL");
    }

    private static string OneOf(YamlNode node, string file, string what, IReadOnlyList<string> allowed)
    {
        var text = YamlBson.Text(node, file, what);
        return allowed.Contains(text) ? text : throw YamlFile.Error(file, node, $"{what} '{text}': expected one of: {string.Join(", ", allowed)}");
    }

    private static int Number(YamlNode node, string file, string key, int min, int max) =>
        int.TryParse(YamlBson.Text(node, file, key), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw YamlFile.Error(file, node, $"{key}: expected a whole number from {min} to {max}");
}

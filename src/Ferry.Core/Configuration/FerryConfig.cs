using Ferry.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace Ferry.Core.Configuration;

/// <summary>
/// Project defaults from <c>ferry.yaml</c> in the current folder (or the file named by FERRY_CONFIG), so a team can
/// write the store, database and folders once:
/// <code>
/// uri: mongodb://localhost:27017
/// db: inframind_prod
/// migrations: ./migrations
/// validation: ./validation.yaml
/// backups: ./backups
/// report: ./reports
/// </code>
/// Command-line options win over the environment (FERRY_URI, FERRY_DB), which wins over the file, which wins over
/// built-in defaults; <see cref="StoreResolver"/> applies that order to the store options of every verb. Unknown keys
/// are errors.
/// </summary>
public sealed record FerryConfig
{
    public const string FileName = "ferry.yaml";

    private static readonly string[] Keys = ["uri", "db", "migrations", "validation", "backups", "emergency", "report", "metrics", "alerts", "probes", "notifications", "health"];

    public static readonly FerryConfig Empty = new();

    public string? Uri { get; init; }

    public string? Database { get; init; }

    public string? MigrationsDirectory { get; init; }

    public string? ValidationRules { get; init; }

    public string? BackupsDirectory { get; init; }

    /// <summary>The <c>emergency:</c> section: hooks of <c>ferry emergency stop|recover</c>.</summary>
    public EmergencyConfig Emergency { get; init; } = EmergencyConfig.None;

    /// <summary>Where data-changing verbs write their run's report (JSON, Markdown, HTML) when it ends.</summary>
    public string? ReportDirectory { get; init; }

    /// <summary><c>metrics:</c>, the defaults of the metrics exporter options (docs/monitoring.md).</summary>
    public Observability.MetricsConfig Metrics { get; init; } = new();

    /// <summary><c>alerts:</c>, the in-process alerts' thresholds (docs/monitoring.md).</summary>
    public Observability.AlertThresholds Alerts { get; init; } = Observability.AlertThresholds.Default;

    /// <summary>The probe queries <c>ferry troubleshoot performance</c> explains (<c>probes: FILE</c>).</summary>
    public string? ProbesFile { get; init; }

    /// <summary>The named channels of <c>notifications:</c> (see <see cref="Core.Notifications.NotificationConfigParser"/>).</summary>
    public IReadOnlyList<Core.Notifications.NotificationChannel> Notifications { get; init; } = [];

    /// <summary>External dependencies <c>ferry health</c> checks (<c>health: endpoints:</c>).</summary>
    public IReadOnlyList<Health.HealthEndpoint> HealthEndpoints { get; init; } = [];

    /// <summary>The file the values came from (null when there is none).</summary>
    public string? Source { get; init; }

    /// <summary>Loads FERRY_CONFIG or ./ferry.yaml; no file means no defaults. Relative paths in the file, a
    /// <c>file:</c> store's folder included, are relative to the file's folder.</summary>
    public static FerryConfig Load()
    {
        var path = Environment.GetEnvironmentVariable("FERRY_CONFIG") is { Length: > 0 } named ? named : Path.Combine(Environment.CurrentDirectory, FileName);
        return File.Exists(path) || Environment.GetEnvironmentVariable("FERRY_CONFIG") is { Length: > 0 } ? Load(path) : Empty;
    }

    public static FerryConfig Load(string path)
    {
        var root = YamlFile.LoadMapping(path);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? Environment.CurrentDirectory;
        var config = new FerryConfig { Source = path };
        foreach (var (key, value) in root.Children)
        {
            var name = YamlBson.Text(key, path, "a key");
            if (name == "emergency")
            {
                config = config with { Emergency = EmergencyConfig.Parse(value, path) };
                continue;
            }

            if (name is "metrics" or "alerts")
            {
                config = name == "metrics" ? config with { Metrics = Observability.MetricsConfig.Parse(value, path) } : config with { Alerts = Observability.AlertThresholds.Parse(value, path) };
                continue;
            }

            if (name == "notifications")
            {
                config = config with { Notifications = Core.Notifications.NotificationConfigParser.Parse(value, path) };
                continue;
            }

            if (name == "health")
            {
                config = config with { HealthEndpoints = Health.HealthEndpoint.ParseSection(value, path) };
                continue;
            }

            var text = YamlBson.Text(value, path, $"a value for '{name}'");
            config = name switch
            {
                "uri" => config with { Uri = StoreUriBeside(text, folder) },
                "db" => config with { Database = text },
                "migrations" => config with { MigrationsDirectory = Path.Combine(folder, text) },
                "validation" => config with { ValidationRules = Path.Combine(folder, text) },
                "backups" => config with { BackupsDirectory = Path.Combine(folder, text) },
                "report" => config with { ReportDirectory = Path.Combine(folder, text) },
                "probes" => config with { ProbesFile = Path.Combine(folder, text) },
                _ => throw YamlFile.Error(path, key, $"unknown key '{name}'; expected one of: {string.Join(", ", Keys)}"),
            };
        }

        return config;
    }

    /// <summary><c>uri: file:data</c> means the folder data beside the file, like every other path in it.</summary>
    private static string StoreUriBeside(string uri, string folder)
    {
        const string Scheme = "file:";
        if (!uri.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return uri;
        }

        var path = uri[Scheme.Length..];
        return path.Length == 0 || path.StartsWith("//", StringComparison.Ordinal) || Path.IsPathRooted(path)
            ? uri
            : Scheme + Path.GetFullPath(Path.Combine(folder, path));
    }
}

using Ferry.Core.Hooks;
using Ferry.Core.Validation.Rules;
using Ferry.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace Ferry.Core.Configuration;

/// <summary>
/// The <c>emergency:</c> section of ferry.yaml: the operator commands <c>ferry emergency stop</c> and <c>recover</c> run
/// (scale the application down, page someone, restart with limited capacity) and the smoke check after a recovery.
/// Each of <c>stop</c>, <c>recover</c> and <c>smoke</c> is a list of hooks; a hook is a shell line, or a mapping with
/// <c>run</c> (a shell line) or <c>argv</c> (a list, run directly), and optional <c>name</c> and <c>timeout</c> (30s, 5m).
/// </summary>
public sealed record EmergencyConfig
{
    private static readonly string[] Keys = ["stop", "recover", "smoke"];
    private static readonly string[] HookKeys = ["name", "run", "argv", "timeout"];

    public static readonly EmergencyConfig None = new();

    /// <summary>Run by <c>ferry emergency stop</c> once every run has stopped, before the emergency backup.</summary>
    public IReadOnlyList<HookCommand> Stop { get; init; } = [];

    /// <summary>Run by <c>ferry emergency recover</c> after the restore verified.</summary>
    public IReadOnlyList<HookCommand> Recover { get; init; } = [];

    /// <summary>Run by <c>ferry emergency recover</c> last: the application's smoke tests.</summary>
    public IReadOnlyList<HookCommand> Smoke { get; init; } = [];

    public static EmergencyConfig Parse(YamlNode node, string file)
    {
        var config = new EmergencyConfig();
        foreach (var (key, value) in YamlValues.Entries(node, file, "a mapping with stop, recover and smoke", (k, v) => (k, v)))
        {
            var name = YamlBson.Text(key, file, "a key");
            config = name switch
            {
                "stop" => config with { Stop = Hooks(value, file, "emergency.stop") },
                "recover" => config with { Recover = Hooks(value, file, "emergency.recover") },
                "smoke" => config with { Smoke = Hooks(value, file, "emergency.smoke") },
                _ => throw YamlFile.Error(file, key, $"unknown key 'emergency.{name}'; expected one of: {string.Join(", ", Keys)}"),
            };
        }

        return config;
    }

    private static List<HookCommand> Hooks(YamlNode node, string file, string section)
    {
        var index = 0;
        return YamlValues.Items(node, file, $"a list of hooks under {section}", item => Hook(item, file, $"{section}[{index++}]"));
    }

    private static HookCommand Hook(YamlNode node, string file, string label)
    {
        if (node is YamlScalarNode)
        {
            return new HookCommand(label) { Shell = YamlBson.Text(node, file, "a shell line"), WorkingDirectory = FolderOf(file) };
        }

        if (node is not YamlMappingNode map)
        {
            throw YamlBson.Expected(file, node, $"a shell line or a mapping with run or argv ({label})");
        }

        var hook = new HookCommand(label) { WorkingDirectory = FolderOf(file) };
        foreach (var (key, value) in map.Children)
        {
            var name = YamlBson.Text(key, file, "a key");
            hook = name switch
            {
                "name" => hook with { Name = YamlBson.Text(value, file, "a name") },
                "run" => hook with { Shell = YamlBson.Text(value, file, "a shell line") },
                "argv" => hook with { Arguments = YamlValues.StringList(value, file, "a list of arguments") },
                "timeout" => hook with { Timeout = DurationParser.TryParse(YamlBson.Text(value, file, "a duration"), out var timeout) && timeout > TimeSpan.Zero ? timeout : throw YamlFile.Error(file, value, "expected a duration such as 30s or 5m") },
                _ => throw YamlFile.Error(file, key, $"unknown key '{name}' in {label}; expected one of: {string.Join(", ", HookKeys)}"),
            };
        }

        if ((hook.Shell is null) == (hook.Arguments.Count == 0))
        {
            throw YamlFile.Error(file, node, $"{label}: give run (a shell line) or argv (a list), one of them");
        }

        return hook;
    }

    /// <summary>Hooks run in the folder of the file that names them, like every relative path in it.</summary>
    private static string? FolderOf(string file) => Path.GetDirectoryName(Path.GetFullPath(file));
}

using Ferry.Core.Errors;

namespace Ferry.Core.Configuration;

/// <summary>
/// The one way every verb finds its store and database: the command line, then the environment (<c>FERRY_URI</c>,
/// <c>FERRY_DB</c>), then <c>ferry.yaml</c> (<c>uri:</c>, <c>db:</c>), then the verb's default. An empty environment
/// variable counts as unset (so <c>FERRY_URI= ferry …</c> falls through to the file); an empty command-line value is an
/// error, never a silent fall-through to another store. The file is read only when a value is not given before it,
/// so a broken <c>ferry.yaml</c> does not stop a command that names everything itself.
/// </summary>
public sealed class StoreResolver(Func<FerryConfig> config, Func<string, string?> environment)
{
    /// <summary>A resolver over this process's environment variables and <c>ferry.yaml</c> (loaded when needed).</summary>
    public static StoreResolver ForProcess(Func<FerryConfig> config) => new(config, Environment.GetEnvironmentVariable);

    /// <summary>The value of <paramref name="option"/> with its source, or the default (null when there is none).</summary>
    public ResolvedSetting? Find(StoreOption option, string? commandLine, string? defaultValue = null)
    {
        if (commandLine is not null)
        {
            return string.IsNullOrWhiteSpace(commandLine)
                ? throw new UserInputException($"{option.Option}: the value is empty; expected {option.Example}")
                : ResolvedSetting.FromCommandLine(option.Option, commandLine);
        }

        if (environment(option.EnvironmentVariable) is { } fromEnvironment && !string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return new ResolvedSetting(fromEnvironment, SettingSource.Environment, option.EnvironmentVariable);
        }

        var file = config();
        if (option.ValueIn(file) is { } fromFile && !string.IsNullOrWhiteSpace(fromFile))
        {
            return new ResolvedSetting(fromFile, SettingSource.ConfigFile, $"{option.ConfigKey}: in {file.Source ?? FerryConfig.FileName}");
        }

        return defaultValue is null ? null : new ResolvedSetting(defaultValue, SettingSource.Default, "default");
    }

    /// <summary>The value of <paramref name="option"/>; a one-line error naming every place it could be given when none has it.</summary>
    public ResolvedSetting Require(StoreOption option, string? commandLine) =>
        Find(option, commandLine) ?? throw new UserInputException(
            $"{option.Option}: {option.Missing}; pass {option.Option} {option.Example}, set {option.EnvironmentVariable}, or write {option.ConfigKey}: in {FerryConfig.FileName}");
}

namespace Ferry.Core.Configuration;

/// <summary>Where a resolved option came from, highest precedence first.</summary>
public enum SettingSource
{
    /// <summary>An option given on the command line (e.g. <c>--uri</c>).</summary>
    CommandLine,

    /// <summary>An environment variable (e.g. <c>FERRY_URI</c>).</summary>
    Environment,

    /// <summary>A key of <c>ferry.yaml</c> (e.g. <c>uri:</c>).</summary>
    ConfigFile,

    /// <summary>The option's built-in default.</summary>
    Default,
}

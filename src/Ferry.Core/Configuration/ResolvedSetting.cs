using Ferry.Core.Storage;

namespace Ferry.Core.Configuration;

/// <summary>
/// An option's value and where it came from, so a message about it can say which one to fix
/// (<c>--uri</c>, <c>FERRY_URI</c> or <c>uri: in /work/app/ferry.yaml</c>).
/// </summary>
/// <param name="Value">The value as given.</param>
/// <param name="Source">Which source won.</param>
/// <param name="Origin">The option, variable or file key it came from, as the user would name it.</param>
public sealed record ResolvedSetting(string Value, SettingSource Source, string Origin)
{
    /// <summary>A value given on the command line as <paramref name="option"/>.</summary>
    public static ResolvedSetting FromCommandLine(string option, string value) => new(value, SettingSource.CommandLine, option);

    /// <summary>The value with credentials hidden, safe for messages and reports.</summary>
    public string Redacted => UriRedactor.Redact(Value);

    /// <summary>"uri: in /work/app/ferry.yaml = mongodb://u:***@host", for messages.</summary>
    public override string ToString() => $"{Origin} = {Redacted}";
}

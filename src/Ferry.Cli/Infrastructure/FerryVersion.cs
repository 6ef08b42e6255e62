using System.Reflection;

namespace Ferry.Cli.Infrastructure;

/// <summary>
/// Ferry's version as the build stamped it: the package version (Directory.Build.props) and, when the build ran in
/// a git checkout, the commit — the SDK appends it to the informational version as <c>+sha</c> (SourceRevisionId).
/// </summary>
public sealed record FerryVersion(string Version, string? Commit)
{
    public static FerryVersion Current { get; } = Parse(
        typeof(FerryVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(FerryVersion).Assembly.GetName().Version?.ToString(3)
        ?? "0.0.0");

    /// <summary>One line for people: <c>ferry 0.1.0 (commit 0123456789ab)</c>, or <c>ferry 0.1.0</c> without a commit.</summary>
    public string Display => Commit is null ? $"ferry {Version}" : $"ferry {Version} (commit {Commit[..Math.Min(12, Commit.Length)]})";

    /// <summary>Splits an informational version <c>0.1.0+sha</c> into the version and the commit.</summary>
    public static FerryVersion Parse(string informationalVersion)
    {
        var plus = informationalVersion.IndexOf('+', StringComparison.Ordinal);
        return plus < 0
            ? new FerryVersion(informationalVersion, null)
            : new FerryVersion(informationalVersion[..plus], informationalVersion[(plus + 1)..] is { Length: > 0 } commit ? commit : null);
    }
}

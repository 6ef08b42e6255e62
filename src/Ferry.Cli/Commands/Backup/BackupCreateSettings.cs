using System.ComponentModel;
using Ferry.Core.Configuration;
using Ferry.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ferry.Cli.Commands.Backup;

/// <summary>Options of <c>ferry backup create</c>.</summary>
public sealed class BackupCreateSettings : BackupRootSettings, IMetricsSettings, INotifySettings
{
    [CommandOption(IMetricsSettings.PortOption)]
    [Description(IMetricsSettings.PortDescription)]
    public int? MetricsPort { get; init; }

    [CommandOption(IMetricsSettings.HostOption)]
    [Description(IMetricsSettings.HostDescription)]
    public string? MetricsHost { get; init; }

    [CommandOption(IMetricsSettings.PushOption)]
    [Description(IMetricsSettings.PushDescription)]
    public string? MetricsPush { get; init; }

    [CommandOption("--uri <URI>")]
    [Description("The store to back up: file:PATH or mongodb://…; default $FERRY_URI, then uri: in ferry.yaml")]
    public string? Uri { get; init; }

    [CommandOption("--db <DB>")]
    [Description("A database to back up (repeatable), or 'all'; default $FERRY_DB, then db: in ferry.yaml, else all (every database but local and config)")]
    public string[] Databases { get; init; } = [];

    [CommandOption("--tag <TAG>")]
    [Description("The backup's name (letters, digits, '.', '_', '-')")]
    public string? Tag { get; init; }

    [CommandOption("--gzip")]
    [Description("gzip every file (or the whole archive)")]
    public bool Gzip { get; init; }

    [CommandOption("--archive [FILE]")]
    [Description("Write one mongodump archive (FILE: its name inside the backup folder, default dump.archive)")]
    public FlagValue<string>? Archive { get; init; }

    [CommandOption("--collections <NAMES>")]
    [Description("Only these collections (repeatable or comma-separated)")]
    public string[] Collections { get; init; } = [];

    [CommandOption("--parallel <N>")]
    [Description("Collections dumped at the same time (default 4)")]
    [DefaultValue(4)]
    public int Parallel { get; init; } = 4;

    [CommandOption("--emergency")]
    [Description("An emergency backup: tag prefixed with 'emergency-' and marked in the catalog")]
    public bool Emergency { get; init; }

    public override ValidationResult Validate() => OptionChecks.First(
        () => OptionRange.AtLeast(("--parallel", Parallel, 1)),
        () => OptionChecks.Required(Tag, "--tag: a backup needs a tag (e.g. --tag before-v2)"));

    public ResolvedSetting ResolveUri() => Stores.Require(StoreOption.Uri, Uri);

    /// <summary>The databases given, else the project's one (FERRY_DB, db: in ferry.yaml), else none (meaning all).</summary>
    public IReadOnlyList<string> ResolveDatabases() =>
        Databases.Length > 0 ? Databases : Stores.Find(StoreOption.Database, null) is { } project ? [project.Value] : [];

    [CommandOption(INotifySettings.Option)]
    [Description(INotifySettings.Description)]
    public string[]? Notify { get; init; }
}

using System.ComponentModel;
using Ferry.Core.Configuration;
using Ferry.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ferry.Cli.Commands.Backup;

/// <summary>Options of <c>ferry backup restore</c> (mongorestore's spellings are accepted too).</summary>
public sealed class BackupRestoreSettings : BackupRootSettings, IRunLockSettings, global::Ferry.Cli.Commands.Report.IReportSettings, IMetricsSettings, INotifySettings
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
    [Description("The store to restore into: file:PATH or mongodb://…; default $FERRY_URI, then uri: in ferry.yaml")]
    public string? Uri { get; init; }

    [CommandOption("--tag <TAG>")]
    [Description("A backup of the catalog to restore")]
    public string? Tag { get; init; }

    [CommandOption("--from <PATH>")]
    [Description("Restore a plain mongodump folder or archive file (gzipped or not) instead of a tag")]
    public string? From { get; init; }

    [CommandOption("--db <DB>")]
    [Description("Only this database of the backup (never taken from FERRY_DB or ferry.yaml: a restore puts back what the backup holds)")]
    public string? Database { get; init; }

    [CommandOption("--to-db <DB>")]
    [Description("Restore into this database instead")]
    public string? ToDatabase { get; init; }

    [CommandOption("--drop")]
    [Description("Drop each target collection first (otherwise non-empty targets are refused)")]
    public bool Drop { get; init; }

    [CommandOption("--ns-include|--nsInclude <PATTERN>")]
    [Description("Only namespaces matching db.coll patterns with * wildcards (repeatable)")]
    public string[] NsInclude { get; init; } = [];

    [CommandOption("--ns-exclude|--nsExclude <PATTERN>")]
    [Description("Skip namespaces matching these patterns (repeatable)")]
    public string[] NsExclude { get; init; } = [];

    [CommandOption("--parallel <N>")]
    [Description("Collections restored (and decompressed) at the same time (default 4)")]
    [DefaultValue(4)]
    public int Parallel { get; init; } = 4;

    [CommandOption("--dry-run|--dryRun")]
    [Description("Show what would be restored; write nothing")]
    public bool DryRun { get; init; }

    [CommandOption("--upsert")]
    [Description("Replace documents by _id (insert when absent) instead of insert-only")]
    public bool Upsert { get; init; }

    [CommandOption("--resume")]
    [Description("Continue an interrupted restore after its last committed batch per collection")]
    public bool Resume { get; init; }

    [CommandOption("--oplog-replay|--oplogReplay")]
    [Description("Replay the dump's oplog (oplog.bson or the archive's) after the data; otherwise it is skipped with a warning")]
    public bool OplogReplay { get; init; }

    [CommandOption(IRunLockSettings.WaitOption)]
    [Description(IRunLockSettings.WaitDescription)]
    public FlagValue<int>? Wait { get; init; }

    [CommandOption(IRunLockSettings.ForceUnlockOption)]
    [Description(IRunLockSettings.ForceUnlockDescription)]
    public bool ForceUnlock { get; init; }

    public override ValidationResult Validate() => OptionChecks.First(
        () => OptionRange.AtLeast(("--parallel", Parallel, 1)),
        () => OptionChecks.Refuse(Tag is null && From is null, "--tag or --from: say which backup (a tag) or dump (a mongodump folder or archive) to restore"));

    public ResolvedSetting ResolveUri() => Stores.Require(StoreOption.Uri, Uri);

    [CommandOption(global::Ferry.Cli.Commands.Report.IReportSettings.Option)]
    [Description(global::Ferry.Cli.Commands.Report.IReportSettings.Description)]
    public string? Report { get; init; }
    [CommandOption(INotifySettings.Option)]
    [Description(INotifySettings.Description)]
    public string[]? Notify { get; init; }
}

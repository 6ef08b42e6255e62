using Ferry.Cli.Infrastructure;
using System.ComponentModel;
using Spectre.Console.Cli;

namespace Ferry.Cli.Commands.Migrate;

/// <summary>Options shared by the verbs that change a database (<c>migrate up</c> and <c>migrate down</c>).</summary>
public abstract class MigrateChangeSettings : MigrateSettings, IRunLockSettings, Report.IReportSettings, IMetricsSettings, INotifySettings
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

    [CommandOption("--dry-run")]
    [Description("Run against a recording store: list each write and the documents it would touch; write nothing")]
    public bool DryRun { get; init; }

    [CommandOption("--no-backup")]
    [Description("Do not back up the database before migrating")]
    public bool NoBackup { get; init; }

    [CommandOption("--no-auto-rollback")]
    [Description("When a migration fails, leave the database as it left it and print the restore command, instead of restoring the backup taken before the run (which undoes the whole run) and verifying it")]
    public bool NoAutoRollback { get; init; }

    [CommandOption("--backup-dir <DIR>")]
    [Description("Where the pre-migration backup goes (default: backups: in ferry.yaml, else ./backups; tag pre-migration-DB-RUNID)")]
    public string? BackupDirectoryOption { get; init; }

    public string BackupDirectory => BackupDirectoryOption ?? Config.BackupsDirectory ?? "backups";

    [CommandOption(global::Ferry.Cli.Commands.Report.IReportSettings.Option)]
    [Description(global::Ferry.Cli.Commands.Report.IReportSettings.Description)]
    public string? Report { get; init; }

    [CommandOption(IRunLockSettings.WaitOption)]
    [Description(IRunLockSettings.WaitDescription)]
    public FlagValue<int>? Wait { get; init; }

    [CommandOption(IRunLockSettings.ForceUnlockOption)]
    [Description(IRunLockSettings.ForceUnlockDescription)]
    public bool ForceUnlock { get; init; }

    [CommandOption(INotifySettings.Option)]
    [Description(INotifySettings.Description)]
    public string[]? Notify { get; init; }
}

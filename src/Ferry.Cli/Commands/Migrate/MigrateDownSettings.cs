using System.ComponentModel;
using Ferry.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace Ferry.Cli.Commands.Migrate;

/// <summary>Options of <c>ferry migrate down</c>.</summary>
public sealed class MigrateDownSettings : MigrateSettings
{
    [CommandOption("--version <VERSION>")]
    [Description("The applied migration to roll back (required)")]
    public string? Version { get; init; }

    [CommandOption("--cascade")]
    [Description("Also roll back every applied migration above VERSION, newest first")]
    public bool Cascade { get; init; }

    [CommandOption("--dry-run")]
    [Description("Run against a recording store: list each write and the documents it would touch; write nothing")]
    public bool DryRun { get; init; }

    [CommandOption("--no-backup")]
    [Description("Do not back up the database before rolling back")]
    public bool NoBackup { get; init; }

    [CommandOption("--backup-dir <DIR>")]
    [Description("Where the pre-migration backup goes (default: backups: in ferry.yaml, else ./backups; tag pre-migration-DB-RUNID)")]
    public string? BackupDirectoryOption { get; init; }

    public string BackupDirectory => BackupDirectoryOption ?? Config.BackupsDirectory ?? "backups";

    [CommandOption("--force-unlock")]
    [Description("Remove the migration lock first, whoever holds it (only when its holder is known to be gone)")]
    public bool ForceUnlock { get; init; }
}

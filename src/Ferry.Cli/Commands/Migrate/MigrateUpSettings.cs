using System.ComponentModel;
using Ferry.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace Ferry.Cli.Commands.Migrate;

/// <summary>Options of <c>ferry migrate up</c>.</summary>
public sealed class MigrateUpSettings : MigrateSettings
{
    [CommandOption("--to <VERSION>")]
    [Description("Apply pending migrations up to and including VERSION")]
    public string? To { get; init; }

    [CommandOption("--version <VERSION>")]
    [Description("Apply only this pending migration")]
    public string? Version { get; init; }

    [CommandOption("--dry-run")]
    [Description("Run against a recording store: list each write and the documents it would touch; write nothing")]
    public bool DryRun { get; init; }

    [CommandOption("--allow-changed")]
    [Description("Go on although an applied migration's file changed since it was applied")]
    public bool AllowChanged { get; init; }

    [CommandOption("--allow-out-of-order")]
    [Description("Apply pending migrations older than the current version")]
    public bool AllowOutOfOrder { get; init; }

    [CommandOption("--no-backup")]
    [Description("Do not back up the database before applying migrations")]
    public bool NoBackup { get; init; }

    [CommandOption("--backup-dir <DIR>")]
    [Description("Where the pre-migration backup goes (default: backups: in ferry.yaml, else ./backups; tag pre-migration-DB-RUNID)")]
    public string? BackupDirectoryOption { get; init; }

    public string BackupDirectory => BackupDirectoryOption ?? Config.BackupsDirectory ?? "backups";

    [CommandOption("--force-unlock")]
    [Description("Remove the migration lock first, whoever holds it (only when its holder is known to be gone)")]
    public bool ForceUnlock { get; init; }
}

using System.ComponentModel;
using Ferry.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace Ferry.Cli.Commands.Backup;

/// <summary>Options every backup verb has: the backup root folder.</summary>
public class BackupRootSettings : FerrySettings
{
    [CommandOption("--out <DIR>")]
    [Description("The backup root folder (one folder per tag, plus the catalog); default ./backups")]
    [DefaultValue("backups")]
    public string Out { get; init; } = "backups";
}

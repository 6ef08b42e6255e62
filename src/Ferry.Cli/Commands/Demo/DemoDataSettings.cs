using System.ComponentModel;
using Ferry.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ferry.Cli.Commands.Demo;

/// <summary>Options of <c>ferry demo identify</c> and <c>ferry demo remove</c>.</summary>
public class DemoDataSettings : LockingStoreSettings
{
    [CommandOption("--rules <FILE>")]
    [Description("Transformation rules whose demo_markers say what demo data is (e.g. ferry-demo/demo-to-prod.yaml, which ferry demo writes)")]
    public string? Rules { get; init; }

    [CommandOption("--confirm")]
    [Description("remove: really delete (after a verified backup); without it, nothing is removed")]
    public bool Confirm { get; init; }

    [CommandOption("--backup-root <DIR>")]
    [Description("remove: where the backup taken first goes (default: backups: in ferry.yaml, else ./backups)")]
    public string? BackupRootOption { get; init; }

    public string BackupRoot => BackupRootOption ?? Config.BackupsDirectory ?? "backups";

    public override ValidationResult Validate() => OptionChecks.Required(Rules, "--rules: the rules file with demo_markers is required");
}

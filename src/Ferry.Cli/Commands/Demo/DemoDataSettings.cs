using System.ComponentModel;
using Ferry.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace Ferry.Cli.Commands.Demo;

public sealed class DemoDataSettings : StoreSettings, IRunLockSettings
{
    [CommandOption("--rules <FILE>")]
    [Description("Transformation rules whose demo_markers say what demo data is (e.g. ferry-demo/demo-to-prod.yaml, which ferry demo writes)")]
    public string? Rules { get; init; }

    [CommandOption("--confirm")]
    [Description("remove: really delete (after a verified backup); without it, nothing is removed")]
    public bool Confirm { get; init; }

    [CommandOption("--backup-root <DIR>")]
    [Description("remove: where the backup taken first goes (default ./backups)")]
    public string BackupRoot { get; init; } = "backups";

    [CommandOption(IRunLockSettings.WaitOption)]
    [Description(IRunLockSettings.WaitDescription)]
    public FlagValue<int>? Wait { get; init; }

    [CommandOption(IRunLockSettings.ForceUnlockOption)]
    [Description(IRunLockSettings.ForceUnlockDescription)]
    public bool ForceUnlock { get; init; }
}

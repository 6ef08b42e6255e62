using System.ComponentModel;
using Ferry.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace Ferry.Cli.Commands.Doctor;

public sealed class DoctorIntegritySettings : StoreSettings, IRunLockSettings
{
    [CommandOption("--rules <FILE>")]
    [Description("Validation rules whose unique keys and references define duplicates and orphans")]
    public string? Rules { get; init; }

    [CommandOption("--fix")]
    [Description("Repair: merge duplicates (keep the oldest, re-point references), quarantine orphans; nothing is deleted without a copy in _ferry_quarantine")]
    public bool Fix { get; init; }

    [CommandOption("--dry-run")]
    [Description("With --fix: show every action, cascades included, and write nothing")]
    public bool DryRun { get; init; }

    [CommandOption(IRunLockSettings.WaitOption)]
    [Description(IRunLockSettings.WaitDescription)]
    public FlagValue<int>? Wait { get; init; }

    [CommandOption(IRunLockSettings.ForceUnlockOption)]
    [Description(IRunLockSettings.ForceUnlockDescription)]
    public bool ForceUnlock { get; init; }
}

public sealed class RestoreQuarantineSettings : StoreSettings, IRunLockSettings
{
    [CommandOption("--run <ID>")]
    [Description("The run whose quarantined documents go back")]
    public string? Run { get; init; }

    [CommandOption(IRunLockSettings.WaitOption)]
    [Description(IRunLockSettings.WaitDescription)]
    public FlagValue<int>? Wait { get; init; }

    [CommandOption(IRunLockSettings.ForceUnlockOption)]
    [Description(IRunLockSettings.ForceUnlockDescription)]
    public bool ForceUnlock { get; init; }
}

using System.ComponentModel;
using Ferry.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace Ferry.Cli.Commands.Migrate;

/// <summary>Options of <c>ferry migrate mark</c>.</summary>
public sealed class MigrateMarkSettings : MigrateSettings, IRunLockSettings
{
    [CommandOption("--applied <VERSION>")]
    [Description("Record VERSION as applied without running it")]
    public string? Applied { get; init; }

    [CommandOption("--unapplied <VERSION>")]
    [Description("Remove VERSION's changelog entry without running its down part")]
    public string? Unapplied { get; init; }

    public override Spectre.Console.ValidationResult Validate() =>
        (Applied is null) == (Unapplied is null)
            ? Spectre.Console.ValidationResult.Error("give exactly one of --applied VERSION or --unapplied VERSION")
            : base.Validate();

    [CommandOption(IRunLockSettings.WaitOption)]
    [Description(IRunLockSettings.WaitDescription)]
    public FlagValue<int>? Wait { get; init; }

    [CommandOption(IRunLockSettings.ForceUnlockOption)]
    [Description(IRunLockSettings.ForceUnlockDescription)]
    public bool ForceUnlock { get; init; }
}

using System.ComponentModel;
using Ferry.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace Ferry.Cli.Commands.Migrate;

/// <summary>Options of <c>ferry migrate baseline</c>.</summary>
public sealed class MigrateBaselineSettings : MigrateSettings, IRunLockSettings
{
    [CommandOption("--to <VERSION>")]
    [Description("Record every migration up to VERSION as applied without running it (required)")]
    public string? To { get; init; }

    [CommandOption(IRunLockSettings.WaitOption)]
    [Description(IRunLockSettings.WaitDescription)]
    public FlagValue<int>? Wait { get; init; }

    [CommandOption(IRunLockSettings.ForceUnlockOption)]
    [Description(IRunLockSettings.ForceUnlockDescription)]
    public bool ForceUnlock { get; init; }

    public override Spectre.Console.ValidationResult Validate() =>
        To is null ? Spectre.Console.ValidationResult.Error("--to: the version to baseline up to is required") : base.Validate();
}

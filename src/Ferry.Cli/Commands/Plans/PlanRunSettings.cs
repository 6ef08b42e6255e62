using System.ComponentModel;
using Ferry.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ferry.Cli.Commands.Plans;

public sealed class PlanRunSettings : LockingStoreSettings
{
    [CommandArgument(0, "<PLAN>")]
    [Description("The plan file (YAML; see docs/runs.md)")]
    public string Plan { get; init; } = string.Empty;

    [CommandOption("--dry-run")]
    [Description("Walk every step in its dry-run form and print what would happen; write nothing")]
    public bool DryRun { get; init; }

    [CommandOption("--resume <RUN>")]
    [Description("Continue a killed or stopped plan run: completed steps are not repeated")]
    public string? Resume { get; init; }

    [CommandOption("--until <STEP>")]
    [Description("Stop after this step (the run can be resumed later)")]
    public string? Until { get; init; }

    public override ValidationResult Validate() => OptionChecks.First(
        () => OptionChecks.Refuse(DryRun && Resume is not null, "--dry-run: cannot be combined with --resume (a dry run writes no run to resume)"));
}

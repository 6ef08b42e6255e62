using System.ComponentModel;
using Ferry.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ferry.Cli.Commands.Doctor;

/// <summary>Options of <c>ferry doctor restore-quarantine</c>.</summary>
public sealed class RestoreQuarantineSettings : LockingStoreSettings
{
    [CommandOption("--run <ID>")]
    [Description("The run whose quarantined documents go back")]
    public string? Run { get; init; }

    public override ValidationResult Validate() => OptionChecks.Required(Run, "--run: the run id is required (printed by the run that quarantined the documents)");
}

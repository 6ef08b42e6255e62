using System.ComponentModel;
using Ferry.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ferry.Cli.Commands.Emergency;

public sealed class EmergencyStopSettings : EmergencySettings
{
    // SECONDS, as --timeout of eval and migrate: one option name, one shape, so a bad value is named the same way.
    [CommandOption("--timeout <SECONDS>")]
    [Description("How long to wait for the running runs to stop, in seconds; default 60")]
    public int? TimeoutSeconds { get; init; }

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds ?? 60);

    public override ValidationResult Validate() =>
        OptionChecks.Refuse(TimeoutSeconds is <= 0, $"--timeout {TimeoutSeconds}: expected a whole number of seconds of at least 1");
}

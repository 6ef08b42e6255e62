using System.ComponentModel;
using Ferry.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ferry.Cli.Commands.Monitor;

/// <summary>Options of <c>ferry monitor</c>.</summary>
public sealed class MonitorSettings : StoreSettings
{
    [CommandArgument(0, "[RUN]")]
    [Description("The run to follow (default: the newest running run)")]
    public string? Run { get; init; }

    [CommandOption("--interval <SECONDS>")]
    [Description("Seconds between two looks at the journal (default 2; fractions allowed)")]
    public double Interval { get; init; } = 2;

    public override ValidationResult Validate() =>
        OptionChecks.Refuse(Interval is not (>= 0.05 and <= 3600), $"--interval {Interval}: expected a number of seconds from 0.05 to 3600");
}

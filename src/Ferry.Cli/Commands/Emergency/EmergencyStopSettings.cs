using System.ComponentModel;
using Ferry.Cli.Infrastructure;
using Ferry.Core.Validation.Rules;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ferry.Cli.Commands.Emergency;

public sealed class EmergencyStopSettings : EmergencySettings
{
    [CommandOption("--timeout <DURATION>")]
    [Description("How long to wait for the running runs to stop (30s, 5m); default 60s")]
    public string Timeout { get; init; } = "60s";

    public TimeSpan TimeoutValue => DurationParser.TryParse(Timeout, out var value) ? value : throw new InvalidOperationException($"--timeout {Timeout}: Validate() refuses it before the verb runs");

    public override ValidationResult Validate() =>
        OptionChecks.Refuse(!DurationParser.TryParse(Timeout, out var value) || value <= TimeSpan.Zero, $"--timeout {Timeout}: expected a positive duration such as 30s, 5m or 1h");
}

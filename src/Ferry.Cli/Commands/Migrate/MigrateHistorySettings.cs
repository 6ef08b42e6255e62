using System.ComponentModel;
using Ferry.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ferry.Cli.Commands.Migrate;

/// <summary>Options of <c>ferry migrate history</c>.</summary>
public sealed class MigrateHistorySettings : MigrateSettings
{
    [CommandOption("--limit <N>")]
    [Description("How many of the latest events to show (default 50)")]
    public int Limit { get; init; } = 50;

    public override ValidationResult Validate() => OptionRange.AtLeast(("--limit", Limit, 1));
}

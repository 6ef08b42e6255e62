using System.ComponentModel;
using Ferry.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace Ferry.Cli.Commands.Runs;

public sealed class RunSettings : StoreSettings
{
    [CommandArgument(0, "<RUN>")]
    [Description("The run id")]
    public string Run { get; init; } = string.Empty;
}

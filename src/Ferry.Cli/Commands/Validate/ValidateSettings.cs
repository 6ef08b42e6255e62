using System.ComponentModel;
using Ferry.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ferry.Cli.Commands.Validate;

public sealed class ValidateSettings : StoreSettings
{
    [CommandOption("--rules <FILE>")]
    [Description("Validation rules (YAML; see docs/validation.md)")]
    public string? Rules { get; init; }

    [CommandOption("--samples <N>")]
    [Description("Offending documents shown per rule (default 5)")]
    [DefaultValue(5)]
    public int Samples { get; init; } = 5;

    public override ValidationResult Validate() => OptionRange.AtLeast(("--samples", Samples, 0));
}
